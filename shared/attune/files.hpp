// Where Attune keeps its files on this computer, and how a private file is
// written: one place for both, so every writer refuses symbolic links and
// leaves nothing half-written. No Asio, SDL or ImGui.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

namespace attune {

// $XDG_DATA_HOME/attune, else ~/.local/share/attune, else ./attune-data.
[[nodiscard]] std::filesystem::path default_data_dir();

// Makes `dir` (and every missing parent) 0700 whatever the umask, and
// narrows `dir` itself to 0700. The error is a sentence.
[[nodiscard]] std::optional<std::string> make_private_dirs(const std::filesystem::path& dir);

// Writes `bytes` to `file` atomically (a temporary file beside it, fsync,
// rename), readable by the owner only. Refuses when `file` or the temporary
// name is a symbolic link (another user could aim it elsewhere). Returns an
// error sentence on failure; nothing half-written remains.
[[nodiscard]] std::optional<std::string> save_private_file(const std::filesystem::path& file, std::string_view bytes);

}  // namespace attune
