#include "attune/session_file.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>

#include "attune/framing.hpp"

namespace attune {
namespace {

void append_u32_le(std::uint32_t value, std::string& out) {
  for (int i = 0; i < 4; ++i) out.push_back(static_cast<char>((value >> (8U * static_cast<unsigned>(i))) & 0xFFU));
}

std::uint32_t read_u32_le(std::string_view bytes) {
  std::uint32_t value = 0;
  for (std::size_t i = 0; i < 4; ++i)
    value |= static_cast<std::uint32_t>(static_cast<unsigned char>(bytes[i])) << (8U * i);
  return value;
}

// Reads one varint-prefixed record at `offset`. nullopt: cut short or bad.
std::optional<std::string_view> read_record(std::string_view bytes, std::size_t& offset) {
  std::uint64_t length = 0;
  std::size_t i = 0;
  for (;; ++i) {
    if (i >= 5 || offset + i >= bytes.size()) return std::nullopt;
    const auto byte = static_cast<unsigned char>(bytes[offset + i]);
    length |= static_cast<std::uint64_t>(byte & 0x7FU) << (7U * i);
    if ((byte & 0x80U) == 0) break;
  }
  const std::size_t start = offset + i + 1;
  if (length > kMaxSessionRecordBytes || start + length > bytes.size()) return std::nullopt;
  offset = start + static_cast<std::size_t>(length);
  return bytes.substr(start, static_cast<std::size_t>(length));
}

}  // namespace

std::string encode_session(const v1::SessionHeader& header, const std::vector<v1::Event>& events) {
  std::string out(kSessionMagic);
  append_u32_le(kSessionFormatVersion, out);
  v1::SessionHeader stamped = header;
  stamped.set_format_version(kSessionFormatVersion);
  const std::string head = stamped.SerializeAsString();
  append_varint(head.size(), out);
  out += head;
  for (const auto& event : events) {
    const std::string body = event.SerializeAsString();
    append_varint(body.size(), out);
    out += body;
  }
  return out;
}

Seat session_viewer(const v1::SessionHeader& header) {
  if (header.format_version() >= 2 && header.viewer() == v1::SEAT_HOST) return v1::SEAT_HOST;
  return v1::SEAT_UNSPECIFIED;
}

v1::SessionExport session_for(const v1::SessionHeader& header, const std::vector<v1::Event>& events, Seat viewer) {
  // Only two versions exist: the host's, and the couple's for anyone else.
  const Seat made_for = viewer == v1::SEAT_HOST ? v1::SEAT_HOST : v1::SEAT_UNSPECIFIED;
  v1::SessionExport out;
  *out.mutable_header() = header;
  out.mutable_header()->set_format_version(kSessionFormatVersion);
  out.mutable_header()->set_viewer(made_for);
  for (auto& event : project_log(events, made_for)) *out.add_events() = std::move(event);
  return out;
}

std::variant<Session, SessionError> decode_session(std::string_view bytes) {
  if (bytes.size() < kSessionMagic.size() + 4 || bytes.substr(0, kSessionMagic.size()) != kSessionMagic) {
    return SessionError{"This is not an Attune session file."};
  }
  const std::uint32_t version = read_u32_le(bytes.substr(kSessionMagic.size(), 4));
  if (version > kSessionFormatVersion) {
    return SessionError{"This session file was written by a newer Attune (format " + std::to_string(version) +
                        "; this one reads up to " + std::to_string(kSessionFormatVersion) +
                        "). Update Attune to open it."};
  }
  if (version == 0) return SessionError{"This session file has no valid format version."};
  std::size_t offset = kSessionMagic.size() + 4;
  Session session;
  auto head = read_record(bytes, offset);
  if (!head || !session.header.ParseFromArray(head->data(), static_cast<int>(head->size()))) {
    return SessionError{"The session file's header is damaged; nothing in it can be trusted."};
  }
  while (offset < bytes.size()) {
    auto record = read_record(bytes, offset);
    v1::Event event;
    const bool ok = record && event.ParseFromArray(record->data(), static_cast<int>(record->size())) &&
                    event.seq() == session.events.size() + 1;
    if (!ok) {
      session.warning = "The file is damaged or cut short after event " + std::to_string(session.events.size()) +
                        "; showing the " + std::to_string(session.events.size()) + " events before that.";
      break;
    }
    session.events.push_back(std::move(event));
  }
  return session;
}

std::variant<Session, SessionError> read_session_file(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) return SessionError{"Cannot open " + file.string() + ": " + std::strerror(errno) + "."};
  std::ostringstream bytes;
  bytes << in.rdbuf();
  return decode_session(bytes.str());
}

std::optional<std::string> save_private_file(const std::filesystem::path& file, std::string_view bytes) {
  const std::filesystem::path temp = file.string() + ".partial";
  const int fd = ::open(temp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
  if (fd < 0) return "Cannot write " + file.string() + ": " + std::strerror(errno) + ".";
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
