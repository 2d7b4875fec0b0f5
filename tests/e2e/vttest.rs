//! vttest screens rendered in a cco pane compared with the same screens in tmux.
