#include "app/platform.hpp"

#include <imgui.h>
#include <imgui_impl_sdl.h>
#include <imgui_impl_sdlrenderer.h>
#include <stb_image_write.h>

#include <cfloat>
#include <cmath>
#include <vector>

#include "app/fonts.hpp"
#include "ui/widgets.hpp"

namespace attune::app {
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
  ui::set_fonts(fonts_->build(scale, ratio));
}

void Platform::add_wanted_glyphs() {
  const auto wanted = ui::take_wanted_glyphs();
  if (wanted.empty() || !fonts_ || !fonts_->want(wanted)) return;
  load_fonts(font_scale_, font_ratio_);
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

void Platform::end_frame(bool present) {
  ImGui::Render();
  SDL_RenderClear(renderer_);
  ImGui_ImplSDLRenderer_RenderDrawData(ImGui::GetDrawData());
  if (present) SDL_RenderPresent(renderer_);
}

void Platform::present() { SDL_RenderPresent(renderer_); }

bool Platform::save_png(const std::string& path, std::string& error) const {
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
