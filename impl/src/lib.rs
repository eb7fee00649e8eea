//! aiospec-impl: reserved for asyncio semantics on Rust futures (issue 4); nothing is implemented yet.
