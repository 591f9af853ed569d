// Addresses as people type them: HOST:PORT, and CODE@HOST:PORT for --join.
#include <gtest/gtest.h>

#include "attune/address.hpp"

namespace attune {
namespace {

TEST(Address, JoinTargetSplitsCodeFromHostAndPort) {
  JoinTarget target;
  std::string error;
  ASSERT_TRUE(parse_join_target("K7QF@192.168.1.20:7420", target, error)) << error;
  EXPECT_EQ(target.code, "K7QF");
  EXPECT_EQ(target.address, "192.168.1.20:7420");
}

TEST(Address, JoinTargetTakesAnIpv6AddressInBrackets) {
  JoinTarget target;
  std::string error;
  ASSERT_TRUE(parse_join_target("K7QF@[::1]:7420", target, error)) << error;
  EXPECT_EQ(target.code, "K7QF");
  EXPECT_EQ(target.address, "[::1]:7420");
  HostPort address;
  ASSERT_TRUE(parse_host_port(target.address, address, error)) << error;
  EXPECT_EQ(address.host, "::1");
  EXPECT_EQ(address.port, 7420);
}

TEST(Address, JoinTargetRefusesWhatIsNotCodeAtHostPortWithASentence) {
  for (const char* bad :
       {"", "K7QF", "@127.0.0.1:7420", "K7QF@", "K7QF@127.0.0.1", "K7QF@[::1]7420", "K7QF@127.0.0.1:99999"}) {
    JoinTarget target;
    std::string error;
    EXPECT_FALSE(parse_join_target(bad, target, error)) << bad;
    EXPECT_FALSE(error.empty()) << bad;
    EXPECT_EQ(error.back(), '.') << "a sentence: " << error;
  }
}

}  // namespace
}  // namespace attune
