/** The artifacts-folder checks: names, the pure folder check, the SVG check, folder loading and the Node reader. */
export * from './names';
export * from './checkFolder';
export { checkSvg, rasterFormat, type SvgFinding } from './svgCheck';
export { checkFolderWith, loadArtifactsFolder, type FolderDiagnostics, type FolderReader } from './loadFolder';
export { checkArtifactsFolderOnDisk, isArtifactsFolderOnDisk, nodeFolderReader } from './nodeFolder';
