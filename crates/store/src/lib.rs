//! sauro-store (being written).
