//! What admins do with the archive from the chat: send an article as a document
//! ([`upload`], its caption read by [`caption`]), list and remove articles ([`archive`]),
//! and have new files in the data folder answered without a restart ([`live`]).

pub mod archive;
pub mod caption;
pub mod live;
pub mod upload;
