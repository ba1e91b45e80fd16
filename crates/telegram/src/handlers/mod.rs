//! The handler tree and its endpoints. [`tree`] reads top to bottom: panic containment
//! ([`guard`]), the per-user limit, then one branch per kind of update: commands
//! ([`commands`]), messages in chats ([`chat`]), button presses ([`buttons`]) and inline
//! queries ([`inline`]). Each exchange with the engine goes through [`converse`].

pub mod buttons;
pub mod chat;
pub mod commands;
pub mod converse;
pub mod guard;
pub mod inline;
pub mod tree;
