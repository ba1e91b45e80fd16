//! Where updates come from and how they reach the handler tree: long polling
//! ([`listen`], with the inbox and the admission gate in front of the dispatcher) or the
//! webhook endpoint ([`webhook`]).

pub mod listen;
pub mod webhook;
