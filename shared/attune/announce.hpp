// LAN discovery announcements: a host says only that an Attune game is here,
// under a random instance id, on which port, speaking which protocol. Never
// names, codes or anything a partner typed. One UDP datagram, one text line:
//   ATTUNE-HOST 1 instance=<32 hex> port=<1-65535> protocol=<n>
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace attune {

inline constexpr std::uint16_t kDiscoveryPort = 7421;
inline constexpr std::size_t kMaxAnnouncementBytes = 128;

struct Announcement {
  std::string instance_id;  // 32 lower-case hex digits, random per host run
  std::uint16_t port = 0;
  std::uint32_t protocol_version = 0;
};

[[nodiscard]] std::string format_announcement(const Announcement& announcement);
// nullopt for anything that is not exactly a well-formed announcement.
[[nodiscard]] std::optional<Announcement> parse_announcement(std::string_view datagram);
// 16 random bytes as hex.
[[nodiscard]] std::string new_instance_id();

}  // namespace attune
