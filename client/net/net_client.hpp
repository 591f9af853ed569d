// The client's network thread. Owns an io_context on its own thread, speaks
// the framed protocol over TLS 1.3, and hands what happens to the UI thread as
// model actions through a locked queue, waking it with a callback (the GUI
// pushes an SDL user event; the bot notifies a condition variable).
//
// Trust: a host this laptop paired with is pinned by its certificate. Joining
// a host that is not pinned runs the pairing exchange (CPace over the join
// code, bound to the TLS channel) before the JoinRoom goes out; a host whose
// certificate differs from the one pinned at that address is refused.
#pragma once

#include <filesystem>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "attune/keys.hpp"
#include "model/model.hpp"

namespace attune::client {

struct NetOptions {
  // Where this laptop's key, certificate and pins live (created 0700 on first
  // use). Empty: one identity per process, kept in memory only (tests, bots).
  std::filesystem::path data_dir;
};

// The in-memory identity and pins NetClients without a data_dir share.
[[nodiscard]] const DeviceKeys& in_memory_device_keys();

class NetClient {
 public:
  using Wake = std::function<void()>;

  explicit NetClient(Wake wake, NetOptions options = {});
  ~NetClient();
  NetClient(const NetClient&) = delete;
  NetClient& operator=(const NetClient&) = delete;

  // Connects to HOST:PORT, dropping any earlier connection. Reports
  // action::Connected or action::Disconnected (with a reason a person can
  // act on) through poll().
  void connect(const std::string& host_port);
  void send(const v1::Envelope& envelope);
  void disconnect();

  // Everything that happened since the last call, oldest first.
  [[nodiscard]] std::vector<Action> poll();

  // Carries out a model step's effects.
  void apply(const Effects& effects);

  // This laptop's certificate fingerprint (SHA-256 hex), to show in settings.
  [[nodiscard]] std::string fingerprint() const;
  // The certificate fingerprint of the host on the current (or last)
  // connection, once its TLS handshake is done; "" before that.
  [[nodiscard]] std::string host_fingerprint() const;
  // Forgets the host pinned at HOST:PORT: the next join there pairs afresh.
  void forget_host(const std::string& host_port);

 private:
  class Impl;
  std::shared_ptr<Impl> impl_;
};

}  // namespace attune::client
