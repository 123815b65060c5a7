// Placeholder main; replaced by the language-server work.
process.stdin.resume();
