/** Error messages never show absolute paths (the data folder, the install): `'/abs/dir/file'` becomes `'…/file'`. */
export function hidePaths(message: string): string {
  return message.replace(/(['"]?)(?:[A-Za-z]:)?[\\/][^\s'",]*[\\/]([^\s'",\\/]+)\1/g, '$1…/$2$1');
}
