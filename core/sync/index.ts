/** The sync engine: normalisation, comparison, links and remote operations, shared by the CLI and the extension. */
export * from './normalize';
export * from './diff';
export * from './links';
export * from './operations';
export * from './register';
export * from './text';
