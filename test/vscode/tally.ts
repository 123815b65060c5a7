/** Prefix of the one console line through which the in-editor suite reports its counts to the runner. */
export const TALLY_PREFIX = 'SOURCES_SDK_VSCODE_TALLY ';
