#include "app/platform.hpp"

#include <imgui.h>
#include <imgui_impl_sdl.h>
#include <imgui_impl_sdlrenderer.h>
#include <stb_image_write.h>

#include <unistd.h>

#include <cfloat>
#include <chrono>
#include <cmath>
#include <cstdlib>
#include <ctime>
#include <fstream>
#include <iostream>
#include <iterator>
#include <sstream>
#include <vector>

#include "app/fonts.hpp"
#include "ui/widgets.hpp"

namespace attune::app {
namespace {

// From the kernel's record of when this process began (field 22 of
// /proc/self/stat, in clock ticks since boot) to now; -1 if unknown.
long milliseconds_since_process_start() {
  std::ifstream stat("/proc/self/stat");
  std::string all((std::istreambuf_iterator<char>(stat)), std::istreambuf_iterator<char>());
  const auto close = all.rfind(')');
  if (close == std::string::npos) return -1;
  std::istringstream fields(all.substr(close + 2));
  std::string field;
  for (int i = 3; i <= 22 && fields >> field; ++i) {
  }
  const double ticks = std::strtod(field.c_str(), nullptr);
  timespec now{};
  clock_gettime(CLOCK_BOOTTIME, &now);
  const double since_boot_ms = static_cast<double>(now.tv_sec) * 1000.0 + static_cast<double>(now.tv_nsec) / 1e6;
  return static_cast<long>(since_boot_ms - ticks * 1000.0 / static_cast<double>(sysconf(_SC_CLK_TCK)));
}

}  // namespace
namespace {}  // namespace

Platform::Platform() = default;
Platform::~Platform() { close(); }

bool Platform::open(const PlatformOptions& options, std::string& error) {
  if (SDL_Init(SDL_INIT_VIDEO | SDL_INIT_TIMER | SDL_INIT_EVENTS) != 0) {
    error = std::string("SDL could not start: ") + SDL_GetError();
    return false;
  }
  sdl_ = true;
  SDL_SetHint(SDL_HINT_IME_SHOW_UI, "1");
  Uint32 flags = SDL_WINDOW_RESIZABLE | SDL_WINDOW_ALLOW_HIGHDPI;
  if (options.hidden) flags |= SDL_WINDOW_HIDDEN;
  window_ =
      SDL_CreateWindow("Attune", SDL_WINDOWPOS_CENTERED, SDL_WINDOWPOS_CENTERED, options.width, options.height, flags);
  if (window_ == nullptr) {
    error = std::string("SDL could not open a window: ") + SDL_GetError();
    return false;
  }
  const Uint32 renderer_flags =
      options.software ? SDL_RENDERER_SOFTWARE : (SDL_RENDERER_ACCELERATED | SDL_RENDERER_PRESENTVSYNC);
  renderer_ = SDL_CreateRenderer(window_, -1, renderer_flags);
  if (renderer_ == nullptr && !options.software) renderer_ = SDL_CreateRenderer(window_, -1, SDL_RENDERER_SOFTWARE);
  if (renderer_ == nullptr) {
    error = std::string("SDL could not create a renderer: ") + SDL_GetError();
    return false;
  }
  wake_event_ = SDL_RegisterEvents(2);
  glyph_event_ = wake_event_ + 1;

  IMGUI_CHECKVERSION();
  ImGui::CreateContext();
  ImGuiIO& io = ImGui::GetIO();
  io.IniFilename = nullptr;  // nothing written next to the program
  io.ConfigFlags |= ImGuiConfigFlags_NavEnableKeyboard;
  ImGui_ImplSDL2_InitForSDLRenderer(window_);
  ImGui_ImplSDLRenderer_Init(renderer_);
  imgui_ = true;
  return true;
}

void Platform::close() {
  if (imgui_) {
    fonts_.reset();
    ImGui_ImplSDLRenderer_Shutdown();
    ImGui_ImplSDL2_Shutdown();
    ImGui::DestroyContext();
    imgui_ = false;
  }
  if (renderer_ != nullptr) SDL_DestroyRenderer(renderer_);
  if (window_ != nullptr) SDL_DestroyWindow(window_);
  renderer_ = nullptr;
  window_ = nullptr;
  if (sdl_) SDL_Quit();
  sdl_ = false;
}

float Platform::display_scale() const {
  float dpi = 0.0F;
  const int display = window_ != nullptr ? SDL_GetWindowDisplayIndex(window_) : 0;
  if (SDL_GetDisplayDPI(display < 0 ? 0 : display, &dpi, nullptr, nullptr) != 0 || dpi < 110.0F) return 1.0F;
  // Quarter steps keep the fonts crisp.
  return std::round(dpi / 96.0F * 4.0F) / 4.0F;
}

float Platform::framebuffer_ratio() const {
  int window_w = 0;
  int window_h = 0;
  int output_w = 0;
  int output_h = 0;
  SDL_GetWindowSize(window_, &window_w, &window_h);
  if (SDL_GetRendererOutputSize(renderer_, &output_w, &output_h) != 0 || window_w <= 0) return 1.0F;
  const float ratio = static_cast<float>(output_w) / static_cast<float>(window_w);
  return ratio > 1.0F ? ratio : 1.0F;
}

void Platform::load_fonts(float scale, float ratio) {
  if (!fonts_) fonts_ = std::make_unique<FontSet>();
  font_scale_ = scale;
  font_ratio_ = ratio;
  ImGui_ImplSDLRenderer_DestroyFontsTexture();
  const auto began = std::chrono::steady_clock::now();
  ui::set_fonts(fonts_->build(scale, ratio));
  if (std::getenv("ATTUNE_REPORT_START") != nullptr) {
    const ImFontAtlas& atlas = *ImGui::GetIO().Fonts;
    std::cerr << "attune: font atlas " << atlas.TexWidth << "x" << atlas.TexHeight << " built in "
              << std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - began).count()
              << " ms (" << fonts_->extra_glyphs() << " glyphs added on demand)\n";
  }
}

void Platform::add_wanted_glyphs() {
  const auto wanted = ui::take_wanted_glyphs();
  if (wanted.empty() || !fonts_ || !fonts_->want(wanted)) return;
  load_fonts(font_scale_, font_ratio_);
  must_draw_ = true;
  // The frame that found them is drawn already: one more, with them.
  SDL_Event event{};
  event.type = glyph_event_;
  SDL_PushEvent(&event);
}

void Platform::style(ui::Theme theme, float scale) {
  ui::apply_theme(theme, scale);
  ui::set_scale(scale);
  const ImVec4 bg = ui::palette().background;
  SDL_SetRenderDrawColor(renderer_, static_cast<Uint8>(bg.x * 255.0F), static_cast<Uint8>(bg.y * 255.0F),
                         static_cast<Uint8>(bg.z * 255.0F), 255);
}

void Platform::process(const SDL_Event& event) {
  // Typed text may be in a script the atlas does not have yet.
  if (event.type == SDL_TEXTINPUT) ui::note_glyphs(event.text.text);
  // Shown again, resized or uncovered: the next frame is drawn in full.
  if (event.type == SDL_WINDOWEVENT || event.type == SDL_RENDER_TARGETS_RESET) must_draw_ = true;
  ImGui_ImplSDL2_ProcessEvent(&event);
}

void Platform::begin_frame() {
  add_wanted_glyphs();
  ImGui_ImplSDLRenderer_NewFrame();
  ImGui_ImplSDL2_NewFrame();
  ImGui::NewFrame();
}

void Platform::begin_frame_fixed(int width, int height) {
  add_wanted_glyphs();
  ImGui_ImplSDLRenderer_NewFrame();
  ImGuiIO& io = ImGui::GetIO();
  io.DisplaySize = ImVec2(static_cast<float>(width), static_cast<float>(height));
  io.DisplayFramebufferScale = ImVec2(1, 1);
  io.DeltaTime = 1.0F / 60.0F;
  io.MousePos = ImVec2(-FLT_MAX, -FLT_MAX);
  ImGui::NewFrame();
}

namespace {

// A fingerprint of everything a frame draws (FNV-1a over vertices, indices
// and commands): equal fingerprints mean equal pixels.
std::uint64_t fingerprint(const ImDrawData* data) {
  std::uint64_t hash = 1469598103934665603ULL;
  const auto mix = [&](const void* bytes, std::size_t size) {
    const auto* p = static_cast<const unsigned char*>(bytes);
    for (std::size_t i = 0; i < size; ++i) hash = (hash ^ p[i]) * 1099511628211ULL;
  };
  if (data == nullptr) return 0;
  mix(&data->DisplaySize, sizeof(data->DisplaySize));
  for (int n = 0; n < data->CmdListsCount; ++n) {
    const ImDrawList* list = data->CmdLists[n];
    mix(list->VtxBuffer.Data, static_cast<std::size_t>(list->VtxBuffer.size_in_bytes()));
    mix(list->IdxBuffer.Data, static_cast<std::size_t>(list->IdxBuffer.size_in_bytes()));
    for (const ImDrawCmd& cmd : list->CmdBuffer) {
      mix(&cmd.ClipRect, sizeof(cmd.ClipRect));
      mix(&cmd.TextureId, sizeof(cmd.TextureId));
      mix(&cmd.VtxOffset, sizeof(cmd.VtxOffset));
      mix(&cmd.IdxOffset, sizeof(cmd.IdxOffset));
      mix(&cmd.ElemCount, sizeof(cmd.ElemCount));
    }
  }
  return hash;
}

}  // namespace

void Platform::end_frame(bool present) {
  ImGui::Render();
  // The frames drawn after an event to let the layout settle are mostly the
  // same picture: those are not drawn again (a keystroke's main cost).
  const std::uint64_t print = fingerprint(ImGui::GetDrawData());
  unchanged_ = print == last_print_ && !must_draw_;
  if (unchanged_) return;
  last_print_ = print;
  must_draw_ = false;
  draw();
  if (present) SDL_RenderPresent(renderer_);
}

void Platform::draw() {
  SDL_RenderClear(renderer_);
  ImGui_ImplSDLRenderer_RenderDrawData(ImGui::GetDrawData());
}

void Platform::present() {
  if (unchanged_) return;
  SDL_RenderPresent(renderer_);
  if (!first_presented_) {
    first_presented_ = true;
    // For scripts/bench-window: how long from the process start to a frame.
    if (std::getenv("ATTUNE_REPORT_START") != nullptr) {
      std::cerr << "attune: first frame " << milliseconds_since_process_start() << " ms after start\n";
    }
  }
}

bool Platform::save_png(const std::string& path, std::string& error) {
  if (unchanged_) draw();  // the back buffer holds nothing after a skipped frame
  int width = 0;
  int height = 0;
  if (SDL_GetRendererOutputSize(renderer_, &width, &height) != 0) {
    error = SDL_GetError();
    return false;
  }
  std::vector<unsigned char> pixels(static_cast<std::size_t>(width) * static_cast<std::size_t>(height) * 4U);
  if (SDL_RenderReadPixels(renderer_, nullptr, SDL_PIXELFORMAT_RGBA32, pixels.data(), width * 4) != 0) {
    error = SDL_GetError();
    return false;
  }
  for (std::size_t i = 3; i < pixels.size(); i += 4) pixels[i] = 255;  // opaque
  stbi_write_png_compression_level = 9;
  if (stbi_write_png(path.c_str(), width, height, 4, pixels.data(), width * 4) == 0) {
    error = "could not write " + path;
    return false;
  }
  return true;
}

}  // namespace attune::app
