// HOST:PORT as people type it: "127.0.0.1:7420", "[::1]:0", "laptop.local:7420".
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace attune {

struct HostPort {
  std::string host;
  std::uint16_t port = 0;
};

// False, with a sentence in `error`, when the text is not HOST:PORT.
[[nodiscard]] bool parse_host_port(std::string_view text, HostPort& out, std::string& error);
[[nodiscard]] std::string format_host_port(const HostPort& address);

// CODE@HOST:PORT, as `attune --join` takes it: "K7QF@192.168.1.20:7420",
// "K7QF@[::1]:7420". The code is everything before the first '@' (codes have
// none); the address after it must be HOST:PORT.
struct JoinTarget {
  std::string code;
  std::string address;  // HOST:PORT as typed
};
// False, with a sentence in `error`, when the text is not CODE@HOST:PORT.
[[nodiscard]] bool parse_join_target(std::string_view text, JoinTarget& out, std::string& error);

}  // namespace attune
