//! cco: several Claude Code sessions side by side in real PTY panes, in one terminal app.

pub mod action;
pub mod agents;
pub mod app;
pub mod classify;
pub mod cli;
pub mod config;
pub mod cost;
pub mod credentials;
pub mod db;
pub mod event;
pub mod hook;
pub mod keymap;
pub mod knowledge;
pub mod layout;
pub mod panel;
pub mod runtime;
pub mod session;
pub mod terminal;
pub mod text;
pub mod theme;
pub mod ui;
