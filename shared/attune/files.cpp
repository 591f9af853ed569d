#include "attune/files.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>

namespace attune {
namespace fs = std::filesystem;

fs::path default_data_dir() {
  if (const char* xdg = std::getenv("XDG_DATA_HOME"); xdg != nullptr && *xdg == '/') return fs::path(xdg) / "attune";
  if (const char* home = std::getenv("HOME"); home != nullptr && *home != '\0') {
    return fs::path(home) / ".local" / "share" / "attune";
  }
  return fs::path("attune-data");
}

std::optional<std::string> make_private_dirs(const fs::path& dir) {
  // Folder by folder: each one this creates is 0700 whatever the umask
  // (create_directories would leave new parents at 0777 under umask 000).
  fs::path so_far;
  for (const auto& part : dir) {
    so_far /= part;
    if (::mkdir(so_far.c_str(), 0700) == 0) {
      if (::chmod(so_far.c_str(), 0700) != 0) {
        return "Cannot make the folder " + so_far.string() + " private: " + std::strerror(errno) + ".";
      }
    } else if (errno != EEXIST) {
      return "Cannot create the data folder " + dir.string() + ": " + std::strerror(errno) + ".";
    }
  }
  std::error_code ec;
  if (!fs::is_directory(dir, ec)) return "Cannot create the data folder " + dir.string() + ": a file is in the way.";
  // The data folder itself is narrowed even when it was there before.
  if (::chmod(dir.c_str(), 0700) != 0) {
    return "Cannot make the data folder " + dir.string() + " private: " + std::strerror(errno) + ".";
  }
  return std::nullopt;
}

std::optional<std::string> save_private_file(const fs::path& file, std::string_view bytes) {
  struct stat st {};
  if (::lstat(file.c_str(), &st) == 0 && S_ISLNK(st.st_mode)) {
    return "Cannot save " + file.string() +
           ": it is a symbolic link, and Attune writes only to a real file. Remove the link, then try again.";
  }
  const fs::path temp = file.string() + ".partial";
  // O_NOFOLLOW: a link planted at the temporary name is refused, not followed.
  const int fd = ::open(temp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC | O_NOFOLLOW, 0600);
  if (fd < 0) return "Cannot write " + file.string() + ": " + std::strerror(errno) + ". Nothing was saved.";
  ::fchmod(fd, 0600);  // whatever the umask
  std::size_t written = 0;
  while (written < bytes.size()) {
    const ssize_t n = ::write(fd, bytes.data() + written, bytes.size() - written);
    if (n < 0) {
      if (errno == EINTR) continue;
      const std::string why = std::strerror(errno);
      ::close(fd);
      ::unlink(temp.c_str());
      return "Cannot write " + file.string() + ": " + why + ". Nothing was saved.";
    }
    written += static_cast<std::size_t>(n);
  }
  if (::fsync(fd) != 0 || ::close(fd) != 0) {
    const std::string why = std::strerror(errno);
    ::unlink(temp.c_str());
    return "Cannot save " + file.string() + ": " + why + ". Nothing was saved.";
  }
  if (::rename(temp.c_str(), file.c_str()) != 0) {
    const std::string why = std::strerror(errno);
    ::unlink(temp.c_str());
    return "Cannot save " + file.string() + ": " + why + ". Nothing was saved.";
  }
  return std::nullopt;
}

}  // namespace attune
