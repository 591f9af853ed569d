// This laptop's addresses on the local network, to show a partner.
#pragma once

#include <string>
#include <vector>

namespace attune::app {

// Non-loopback IPv4 addresses of interfaces that are up, e.g. "192.168.1.20".
[[nodiscard]] std::vector<std::string> lan_ipv4_addresses();

}  // namespace attune::app
