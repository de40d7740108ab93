package errdex

// CopyCatalogDir is copyDir, for the tests outside the package: one copy
// of the real catalog into a temporary directory for both.
var CopyCatalogDir = copyDir
