// The client's network thread. Owns an io_context on its own thread, speaks
// the framed protocol, and hands what happens to the UI thread as model
// actions through a locked queue, waking it with a callback (the GUI pushes
// an SDL user event; the bot notifies a condition variable).
#pragma once

#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "model/model.hpp"

namespace attune::client {

class NetClient {
 public:
  using Wake = std::function<void()>;

  explicit NetClient(Wake wake);
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

 private:
  class Impl;
  std::shared_ptr<Impl> impl_;
};

}  // namespace attune::client
