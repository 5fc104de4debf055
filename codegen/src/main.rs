fn main() {
    for path in std::env::args().skip(1) {
        let bytes = std::fs::read(&path).unwrap();
        let mut sources = odata_codegen::Sources::new();
        let id = sources.add(path.clone(), bytes.clone());
        let t = std::time::Instant::now();
        let parsed = odata_codegen::csdl::parse_bytes(&bytes, id);
        let el = t.elapsed();
        let d = parsed
            .document
            .as_ref()
            .map(|d| {
                (
                    d.schemas.len(),
                    d.schemas
                        .iter()
                        .map(|s| s.entity_types.len())
                        .sum::<usize>(),
                )
            })
            .unwrap_or_default();
        println!(
            "{path}: {:?} schemas/ET {:?} diags {}",
            el,
            d,
            parsed.diagnostics.len()
        );
        for diag in parsed.diagnostics.iter().take(5) {
            print!("{}", sources.render(diag));
        }
    }
}
