//! sauro.
fn main() {}
