//! The engine against the spec: personas worked out by hand, one table case per rule, the
//! loader's and the answers parser's refusals, and property tests of the spec's invariants.

mod answers;
mod helpers;
mod invariants;
mod loader;
mod orientation;
mod personas;
mod rules;
