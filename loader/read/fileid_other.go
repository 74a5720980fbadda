//go:build !unix

package read

import "io/fs"

// fileID identifies a directory; without device and inode numbers none
// is known, and walk relies on its depth limit alone.
type fileID struct{}

func idOf(fs.FileInfo) (fileID, bool) { return fileID{}, false }
