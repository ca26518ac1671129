// Writing a file so that a crash or power cut leaves either the old file or the new one,
// never a half-written mix: the autosave and every save go through here.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

namespace demarche {

// Writes `contents` to a temporary file in the same directory as `path`, flushes it to disk
// (fsync), renames it over `path` and flushes the directory. Returns nullopt on success, else
// a sentence naming the file and what failed ("cannot create 'out/x.html': permission denied");
// on failure the previous file, if any, is left untouched and the temporary file removed.
std::optional<std::string> writeFileAtomically(const std::filesystem::path& path, std::string_view contents);

// Reads a whole file of at most `maxBytes` bytes. Returns nullopt on success (filling `out`),
// else a sentence: missing, unreadable, a directory, or larger than the cap (checked before
// reading, so a huge file is never loaded).
// "it is a named pipe (FIFO)", "it is a device", ...: why a path that is not a regular file is
// refused (only regular files are ever read, so a FIFO never makes the program wait forever).
std::string_view specialFileKind(const std::filesystem::file_status& status);

std::optional<std::string> readFileCapped(const std::filesystem::path& path, std::size_t maxBytes,
                                          std::string& out);

}  // namespace demarche
