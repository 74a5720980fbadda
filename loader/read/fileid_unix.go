//go:build unix

package read

import (
	"io/fs"
	"syscall"
)

// fileID identifies a directory on its device, so that a walk that
// follows symbolic links knows when it comes back to one.
type fileID struct{ dev, ino uint64 }

func idOf(info fs.FileInfo) (fileID, bool) {
	st, ok := info.Sys().(*syscall.Stat_t)
	if !ok {
		return fileID{}, false
	}
	return fileID{uint64(st.Dev), uint64(st.Ino)}, true
}
