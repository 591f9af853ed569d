#include "attune/log.hpp"

#include <spdlog/sinks/stdout_sinks.h>
#include <spdlog/spdlog.h>

#include <cstdlib>
#include <memory>
#include <mutex>
#include <string>

namespace attune::log {
namespace {

std::mutex g_mutex;
std::shared_ptr<spdlog::logger> g_logger;

spdlog::level::level_enum to_spdlog(Level level) {
  switch (level) {
    case Level::kDebug: return spdlog::level::debug;
    case Level::kInfo: return spdlog::level::info;
    case Level::kWarn: return spdlog::level::warn;
    case Level::kError: return spdlog::level::err;
    case Level::kOff: return spdlog::level::off;
  }
  return spdlog::level::info;
}

Level level_from_environment() {
  const char* wanted = std::getenv("ATTUNE_LOG");
  if (wanted == nullptr) return Level::kInfo;
  const std::string name(wanted);
  if (name == "debug") return Level::kDebug;
  if (name == "warn") return Level::kWarn;
  if (name == "error") return Level::kError;
  if (name == "off") return Level::kOff;
  return Level::kInfo;
}

// Made on first use, so a library call before init() still lands somewhere.
spdlog::logger& logger() {
  std::lock_guard lock(g_mutex);
  if (!g_logger) {
    g_logger = std::make_shared<spdlog::logger>("attune", std::make_shared<spdlog::sinks::stderr_sink_mt>());
    g_logger->set_pattern("%Y-%m-%d %H:%M:%S.%e %n %l: %v");
    g_logger->set_level(to_spdlog(level_from_environment()));
  }
  return *g_logger;
}

}  // namespace

void init(std::string_view program) {
  std::lock_guard lock(g_mutex);
  g_logger = std::make_shared<spdlog::logger>(std::string(program), std::make_shared<spdlog::sinks::stderr_sink_mt>());
  g_logger->set_pattern("%Y-%m-%d %H:%M:%S.%e %n %l: %v");
  g_logger->set_level(to_spdlog(level_from_environment()));
  // Errors reach the terminal at once, even if the process dies next.
  g_logger->flush_on(spdlog::level::warn);
}

void set_level(Level level) { logger().set_level(to_spdlog(level)); }

void debug(std::string_view message) { logger().debug("{}", message); }
void info(std::string_view message) { logger().info("{}", message); }
void warn(std::string_view message) { logger().warn("{}", message); }
void error(std::string_view message) { logger().error("{}", message); }

}  // namespace attune::log
