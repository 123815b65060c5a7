/** The artifacts-folder checks: names, the pure folder check, the SVG check, folder loading and the Node reader. */
export * from './names';
export * from './checkFolder';
export { folderRoles, relevantFiles } from './folder';
export { checkSvg, rasterFormat, type SvgFinding } from '../analysis/rules/artifacts/icon';
export { checkFolderWith, loadArtifactsFolder, type FolderDiagnostics, type FolderReader } from './loadFolder';
export { checkArtifactsFolderOnDisk, isArtifactsFolderOnDisk, nodeFolderReader } from './nodeFolder';
