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

}  // namespace attune
