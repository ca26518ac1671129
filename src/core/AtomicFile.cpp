// Atomic file replacement with POSIX calls (temp file, fsync, rename, directory fsync).
#include "core/AtomicFile.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <charconv>
#include <csignal>
#include <cstring>
#include <fstream>
#include <system_error>

namespace demarche {
namespace {

std::string errnoText(int err) { return std::generic_category().message(err); }

// Concatenation by append: g++ 12 warns falsely (-Wrestrict) on "literal" + std::string chains.
std::string cat(std::initializer_list<std::string_view> parts) {
  std::string out;
  for (std::string_view p : parts) out += p;
  return out;
}

// write() may write less than asked (signals, pipes); loop until done.
bool writeAll(int fd, std::string_view data) {
  while (!data.empty()) {
    const ssize_t n = ::write(fd, data.data(), data.size());
    if (n < 0) {
      if (errno == EINTR) continue;
      return false;
    }
    data.remove_prefix(static_cast<std::size_t>(n));
  }
  return true;
}

// Temporaries of ours for the same file (".NAME.PID.tmp") whose program is gone: a save killed
// mid-write leaves one behind, the next save of that file removes it.
void removeStaleTemporaries(const std::filesystem::path& dir, const std::string& name) {
  namespace fs = std::filesystem;
  const std::string prefix = "." + name + ".";
  std::error_code ec;
  fs::directory_iterator it(dir, ec);
  if (ec) return;
  for (const fs::directory_entry& entry : it) {
    const std::string file = entry.path().filename().string();
    if (file.size() <= prefix.size() + 4 || !file.starts_with(prefix) || !file.ends_with(".tmp")) continue;
    const std::string pidText = file.substr(prefix.size(), file.size() - prefix.size() - 4);
    long pid = 0;
    const auto [ptr, err] = std::from_chars(pidText.data(), pidText.data() + pidText.size(), pid);
    if (err != std::errc() || ptr != pidText.data() + pidText.size() || pid <= 0) continue;
    if (pid == ::getpid()) continue;
    if (::kill(static_cast<pid_t>(pid), 0) == 0 || errno != ESRCH)
      continue;  // still running, or not ours to judge
    std::error_code removeError;
    fs::remove(entry.path(), removeError);
  }
}

}  // namespace

std::optional<std::string> writeFileAtomically(const std::filesystem::path& path, std::string_view contents) {
  namespace fs = std::filesystem;
  if (path.filename().empty()) return cat({"cannot write '", path.string(), "': not a file name"});
  const fs::path dir = path.has_parent_path() ? path.parent_path() : fs::path(".");
  // The pid keeps two programs saving the same file from sharing a temporary file.
  std::string tempName = ".";
  tempName += path.filename().string();
  tempName += ".";
  tempName += std::to_string(::getpid());
  tempName += ".tmp";
  const fs::path temp = dir / tempName;
  removeStaleTemporaries(dir, path.filename().string());

  const int fd = ::open(temp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  // Named after the file asked for: the temporary is ours, not the user's.
  if (fd < 0) return cat({"cannot create '", path.string(), "': ", errnoText(errno)});
  auto fail = [&](const std::string& what) {
    const int err = errno;
    ::close(fd);
    ::unlink(temp.c_str());
    return std::optional<std::string>(cat({what, ": ", errnoText(err)}));
  };
  if (!writeAll(fd, contents)) return fail(cat({"cannot write '", temp.string(), "'"}));
  if (::fsync(fd) != 0) return fail(cat({"cannot flush '", temp.string(), "' to disk"}));
  if (::close(fd) != 0) {
    const int err = errno;
    ::unlink(temp.c_str());
    return cat({"cannot close '", temp.string(), "': ", errnoText(err)});
  }
  if (::rename(temp.c_str(), path.c_str()) != 0) {
    const int err = errno;
    ::unlink(temp.c_str());
    return cat({"cannot replace '", path.string(), "': ", errnoText(err)});
  }
  // The rename is durable only once the directory entry is on disk too.
  const int dirFd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (dirFd >= 0) {
    ::fsync(dirFd);
    ::close(dirFd);
  }
  return std::nullopt;
}

std::string_view specialFileKind(const std::filesystem::file_status& status) {
  namespace fs = std::filesystem;
  switch (status.type()) {
    case fs::file_type::fifo:
      return "it is a named pipe (FIFO)";
    case fs::file_type::socket:
      return "it is a socket";
    case fs::file_type::block:
    case fs::file_type::character:
      return "it is a device";
    case fs::file_type::directory:
      return "it is a directory";
    default:
      return "it is a special file";
  }
}

std::optional<std::string> readFileCapped(const std::filesystem::path& path, std::size_t maxBytes,
                                          std::string& out) {
  namespace fs = std::filesystem;
  std::error_code ec;
  const fs::file_status status = fs::status(path, ec);
  if (ec || !fs::exists(status)) return cat({"cannot read '", path.string(), "': no such file"});
  if (fs::is_directory(status)) return cat({"cannot read '", path.string(), "': it is a directory"});
  // Opening a FIFO would wait forever for a writer; devices and sockets are no files to load.
  if (!fs::is_regular_file(status))
    return cat({"cannot read '", path.string(), "': ", std::string(specialFileKind(status)),
                ", not a regular file; give the path of a file"});
  const std::uintmax_t size = fs::file_size(path, ec);
  if (!ec && size > maxBytes) {
    return cat({"'", path.string(), "' is too large (", std::to_string(size), " bytes; the limit is ",
                std::to_string(maxBytes), ")"});
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) return cat({"cannot read '", path.string(), "': ", errnoText(errno)});
  out.clear();
  // One allocation of the right size: growing by doubling would hold up to 1.5 times the file
  // twice over at the moment of each copy.
  if (!ec) out.reserve(static_cast<std::size_t>(size) + 1);
  // Read in chunks and stop past the cap, so even a special file that reports no size is bounded.
  char buffer[65536];
  while (in) {
    in.read(buffer, sizeof buffer);
    const auto got = static_cast<std::size_t>(in.gcount());
    if (out.size() + got > maxBytes) {
      return cat({"'", path.string(), "' is too large (more than ", std::to_string(maxBytes), " bytes)"});
    }
    out.append(buffer, got);
  }
  if (in.bad()) return cat({"cannot read '", path.string(), "': read error"});
  return std::nullopt;
}

}  // namespace demarche
