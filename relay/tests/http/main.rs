//! The relay's HTTP side against a real server on loopback and a real SQLite file.

// Helpers shared by the tests unwrap like the tests do: a failed unwrap is a failed test.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod admin;
mod codes;
mod common;
mod https;
mod languages;
mod login;
mod pages;
mod record_files;
mod recording_notice;
mod records;
mod requests;
mod restart;
mod sessions;
