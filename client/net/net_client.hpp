// The client's network thread. Owns an io_context on its own thread, speaks
// the framed protocol over TLS 1.3, and hands what happens to the UI thread as
// model actions through a locked queue, waking it with a callback (the GUI
// pushes an SDL user event; the bot notifies a condition variable).
//
// Trust: nothing before proof. A host is proven when its certificate is
// pinned (this laptop paired with it before, wherever it is now) or is this
// laptop's own, or when it completes the pairing exchange (CPace over the
// code, bound to the TLS channel, with key confirmation). Until then only
// Hello and pairing messages go out and only Welcome, errors, heartbeats and
// pairing messages are accepted; anything else closes the connection. A seat
// token goes only to the host whose certificate gave it.
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
  // The owner code a standalone attune-server printed: creating a game on a
  // server this laptop is not yet an owner of pairs with it first.
  std::string owner_code;
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
  // Forgets the host pinned at HOST:PORT (the window's "Forget this host",
  // after its identity changed there): the next join there pairs afresh.
  void forget_host(const std::string& host_port);

 private:
  class Impl;
  std::shared_ptr<Impl> impl_;
};

}  // namespace attune::client
