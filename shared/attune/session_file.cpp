#include "attune/session_file.hpp"

#include <cerrno>
#include <cstring>
#include <fstream>
#include <istream>
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

// Bytes from memory.
class MemorySource {
 public:
  explicit MemorySource(std::string_view bytes) : bytes_(bytes) {}
  bool read(std::string& out, std::size_t count) {
    if (bytes_.size() - offset_ < count) return false;
    out.assign(bytes_.substr(offset_, count));
    offset_ += count;
    return true;
  }
  bool at_end() const { return offset_ >= bytes_.size(); }

 private:
  std::string_view bytes_;
  std::size_t offset_ = 0;
};

// Bytes from a file, a record at a time.
class StreamSource {
 public:
  explicit StreamSource(std::istream& in) : in_(in) {}
  bool read(std::string& out, std::size_t count) {
    out.resize(count);
    in_.read(out.data(), static_cast<std::streamsize>(count));
    return static_cast<std::size_t>(in_.gcount()) == count;
  }
  bool at_end() { return in_.peek() == std::char_traits<char>::eof(); }

 private:
  std::istream& in_;
};

// Reads one varint-prefixed record. false: cut short or bad.
template <typename Source>
bool read_record(Source& source, std::string& out) {
  std::uint64_t length = 0;
  std::size_t used = 0;
  std::string prefix;
  std::string byte;
  // Byte by byte: a stream cannot be read ahead of the record.
  for (;;) {
    if (!source.read(byte, 1)) return false;
    prefix += byte;
    const VarintRead read = read_varint(prefix, length, used);
    if (read == VarintRead::kComplete) break;
    if (read == VarintRead::kInvalid) return false;
  }
  if (length > kMaxSessionRecordBytes) return false;
  return source.read(out, static_cast<std::size_t>(length));
}

template <typename Source>
std::variant<Session, SessionError> decode(Source& source) {
  std::string head;
  if (!source.read(head, kSessionMagic.size() + 4) ||
      std::string_view(head).substr(0, kSessionMagic.size()) != kSessionMagic) {
    return SessionError{"This is not an Attune session file."};
  }
  const std::uint32_t version = read_u32_le(std::string_view(head).substr(kSessionMagic.size(), 4));
  if (version > kSessionFormatVersion) {
    return SessionError{"This session file was written by a newer Attune (format " + std::to_string(version) +
                        "; this one reads up to " + std::to_string(kSessionFormatVersion) +
                        "). Update Attune to open it."};
  }
  if (version == 0) return SessionError{"This session file has no valid format version."};
  Session session;
  std::string record;
  if (!read_record(source, record) || !session.header.ParseFromString(record)) {
    return SessionError{"The session file's header is damaged; nothing in it can be trusted."};
  }
  std::size_t event_bytes = 0;
  while (!source.at_end()) {
    const std::size_t count = session.events.size();
    if (count >= kMaxSessionEvents || event_bytes > kMaxSessionEventBytes) {
      session.warning =
          "This file holds more than Attune opens at once; showing its first " + std::to_string(count) + " events.";
      break;
    }
    v1::Event event;
    const bool ok = read_record(source, record) && event.ParseFromString(record) && event.seq() == count + 1;
    if (!ok) {
      session.warning = "The file is damaged or cut short after event " + std::to_string(count) + "; showing the " +
                        std::to_string(count) + " events before that.";
      break;
    }
    event_bytes += event.SpaceUsedLong();
    session.events.push_back(std::move(event));
  }
  return session;
}

std::string size_in_mb(std::uint64_t bytes) { return std::to_string(bytes / (1024ULL * 1024ULL)) + " MB"; }

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
  MemorySource source(bytes);
  return decode(source);
}

std::variant<Session, SessionError> read_session_file(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) return SessionError{"Cannot open " + file.string() + ": " + std::strerror(errno) + "."};
  std::error_code ec;
  const auto size = std::filesystem::file_size(file, ec);
  if (!ec && size > kMaxSessionFileBytes) {
    return SessionError{file.string() + " is " + size_in_mb(size) + "; Attune opens session files up to " +
                        size_in_mb(kMaxSessionFileBytes) + ". It is not a session Attune wrote, or it is damaged."};
  }
  // Record by record: memory follows the events kept, not the file's size.
  StreamSource source(in);
  return decode(source);
}

SmallFile read_small_file(const std::filesystem::path& file, std::uint64_t max_bytes) {
  std::ifstream in(file, std::ios::binary);
  if (!in) return SmallFile{};
  std::error_code ec;
  const auto size = std::filesystem::file_size(file, ec);
  if (ec) return SmallFile{std::nullopt, "Cannot read " + file.string() + ": " + ec.message() + "."};
  if (size > max_bytes) {
    return SmallFile{std::nullopt, file.string() + " is larger than the " + std::to_string(max_bytes / 1024) +
                                       " KB Attune accepts for it; it was left as it is."};
  }
  std::string bytes(static_cast<std::size_t>(size), '\0');
  in.read(bytes.data(), static_cast<std::streamsize>(size));
  bytes.resize(static_cast<std::size_t>(in.gcount()));
  return SmallFile{std::move(bytes), std::nullopt};
}

}  // namespace attune
