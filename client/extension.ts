// Placeholder; replaced by the client work.
export function activate(): void {}
export function deactivate(): void {}
