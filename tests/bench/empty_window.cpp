// The baseline for scripts/bench-window: an empty SDL window with the same
// renderer choice as Attune's, cleared and presented once, then waiting on
// events like Attune's idle loop. Its start and idle cost, measured in the
// same run as Attune's, is what SDL, X and the renderer cost on this machine.
#include <SDL.h>

#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <fstream>
#include <iterator>
#include <sstream>
#include <string>

namespace {

// Milliseconds from the kernel's start time of this process to now.
long milliseconds_since_process_start() {
  std::ifstream stat("/proc/self/stat");
  const std::string all((std::istreambuf_iterator<char>(stat)), std::istreambuf_iterator<char>());
  const auto close = all.rfind(')');
  if (close == std::string::npos) return -1;
  std::istringstream fields(all.substr(close + 2));
  std::string field;
  for (int i = 3; i <= 22 && fields >> field; ++i) {
  }
  timespec now{};
  clock_gettime(CLOCK_BOOTTIME, &now);
  const double since_boot_ms = static_cast<double>(now.tv_sec) * 1000.0 + static_cast<double>(now.tv_nsec) / 1e6;
  return static_cast<long>(since_boot_ms -
                           std::strtod(field.c_str(), nullptr) * 1000.0 / static_cast<double>(sysconf(_SC_CLK_TCK)));
}

}  // namespace

int main() {
  if (SDL_Init(SDL_INIT_VIDEO | SDL_INIT_TIMER | SDL_INIT_EVENTS) != 0) {
    std::fprintf(stderr, "empty_window: %s\n", SDL_GetError());
    return 1;
  }
  SDL_Window* window = SDL_CreateWindow("empty", SDL_WINDOWPOS_CENTERED, SDL_WINDOWPOS_CENTERED, 1280, 800,
                                        SDL_WINDOW_RESIZABLE | SDL_WINDOW_ALLOW_HIGHDPI);
  SDL_Renderer* renderer = window != nullptr
                               ? SDL_CreateRenderer(window, -1, SDL_RENDERER_ACCELERATED | SDL_RENDERER_PRESENTVSYNC)
                               : nullptr;
  if (renderer == nullptr && window != nullptr) renderer = SDL_CreateRenderer(window, -1, SDL_RENDERER_SOFTWARE);
  if (renderer == nullptr) {
    std::fprintf(stderr, "empty_window: %s\n", SDL_GetError());
    return 1;
  }
  SDL_SetRenderDrawColor(renderer, 245, 241, 234, 255);
  SDL_RenderClear(renderer);
  SDL_RenderPresent(renderer);
  std::fprintf(stderr, "empty window: first frame %ld ms after start\n", milliseconds_since_process_start());
  bool running = true;
  while (running) {
    SDL_Event event;
    if (SDL_WaitEventTimeout(&event, 1000) == 1) {
      if (event.type == SDL_QUIT) running = false;
      SDL_RenderClear(renderer);
      SDL_RenderPresent(renderer);
    }
  }
  SDL_DestroyRenderer(renderer);
  SDL_DestroyWindow(window);
  SDL_Quit();
  return 0;
}
