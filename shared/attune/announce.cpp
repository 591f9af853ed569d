#include "attune/announce.hpp"

#include <charconv>

#include "attune/secrets.hpp"

namespace attune {
namespace {

constexpr std::string_view kPrefix = "ATTUNE-HOST 1 ";

bool is_hex_id(std::string_view id) {
  if (id.size() != 32) return false;
  for (char c : id) {
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
  }
  return true;
}

// Reads "key=<value>" at the front of `rest` and drops it (and one space).
std::optional<std::string_view> take(std::string_view& rest, std::string_view key) {
  if (rest.substr(0, key.size()) != key || rest.size() <= key.size() || rest[key.size()] != '=') return std::nullopt;
  rest.remove_prefix(key.size() + 1);
  const auto end = rest.find(' ');
  std::string_view value = rest.substr(0, end);
  rest.remove_prefix(end == std::string_view::npos ? rest.size() : end + 1);
  return value;
}

template <typename T>
std::optional<T> number(std::string_view text, T max) {
  T value{};
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || end != text.data() + text.size() || text.empty() || value > max) return std::nullopt;
  return value;
}

}  // namespace

std::string format_announcement(const Announcement& announcement) {
  return std::string(kPrefix) + "instance=" + announcement.instance_id + " port=" + std::to_string(announcement.port) +
         " protocol=" + std::to_string(announcement.protocol_version);
}

std::optional<Announcement> parse_announcement(std::string_view datagram) {
  if (datagram.size() > kMaxAnnouncementBytes || datagram.substr(0, kPrefix.size()) != kPrefix) return std::nullopt;
  std::string_view rest = datagram.substr(kPrefix.size());
  auto id = take(rest, "instance");
  auto port_text = take(rest, "port");
  auto protocol_text = take(rest, "protocol");
  if (!id || !port_text || !protocol_text || !rest.empty() || !is_hex_id(*id)) return std::nullopt;
  auto port = number<std::uint16_t>(*port_text, 65535);
  auto protocol = number<std::uint32_t>(*protocol_text, 1'000'000);
  if (!port || *port == 0 || !protocol) return std::nullopt;
  return Announcement{std::string(*id), *port, *protocol};
}

std::string new_instance_id() { return secrets::hex(16); }

}  // namespace attune
