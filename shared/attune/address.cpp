#include "attune/address.hpp"

#include <charconv>

namespace attune {

bool parse_host_port(std::string_view text, HostPort& out, std::string& error) {
  std::string_view host;
  std::string_view port;
  if (!text.empty() && text.front() == '[') {
    const auto close = text.find(']');
    if (close == std::string_view::npos || close + 1 >= text.size() || text[close + 1] != ':') {
      error = "Write an IPv6 address as [ADDR]:PORT, for example [::1]:7420.";
      return false;
    }
    host = text.substr(1, close - 1);
    port = text.substr(close + 2);
  } else {
    const auto colon = text.rfind(':');
    if (colon == std::string_view::npos) {
      error = "Write the address as HOST:PORT, for example 127.0.0.1:7420.";
      return false;
    }
    host = text.substr(0, colon);
    port = text.substr(colon + 1);
  }
  unsigned value = 0;
  const auto [end, ec] = std::from_chars(port.data(), port.data() + port.size(), value);
  if (host.empty() || port.empty() || ec != std::errc() || end != port.data() + port.size() || value > 65535) {
    error = "\"" + std::string(text) + "\" is not HOST:PORT with a port from 0 to 65535.";
    return false;
  }
  out.host = std::string(host);
  out.port = static_cast<std::uint16_t>(value);
  return true;
}

bool parse_join_target(std::string_view text, JoinTarget& out, std::string& error) {
  const auto at = text.find('@');
  if (at == std::string_view::npos || at == 0 || at + 1 == text.size()) {
    error = "Write the game as CODE@HOST:PORT, for example K7QF@192.168.1.20:7420.";
    return false;
  }
  HostPort address;
  if (!parse_host_port(text.substr(at + 1), address, error)) return false;
  out.code = std::string(text.substr(0, at));
  out.address = std::string(text.substr(at + 1));
  return true;
}

std::string format_host_port(const HostPort& address) {
  if (address.host.find(':') != std::string::npos) return "[" + address.host + "]:" + std::to_string(address.port);
  return address.host + ":" + std::to_string(address.port);
}

}  // namespace attune
