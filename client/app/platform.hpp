// The SDL2 window, the SDL_Renderer and ImGui's two backends; fonts; and
// reading a frame back as a PNG.
#pragma once

#include <SDL.h>

#include <cstdint>
#include <memory>
#include <string>

#include "ui/theme.hpp"

namespace attune::app {

class FontSet;

struct PlatformOptions {
  int width = 1280;
  int height = 800;
  bool software = false;  // SDL_RENDERER_SOFTWARE (used offscreen)
  bool hidden = false;
};

class Platform {
 public:
  Platform();
  ~Platform();
  Platform(const Platform&) = delete;
  Platform& operator=(const Platform&) = delete;

  // Creates the window, renderer and ImGui context. False with `error` set.
  [[nodiscard]] bool open(const PlatformOptions& options, std::string& error);
  void close();

  // How much larger than 96 dpi the display is (1 on ordinary screens).
  [[nodiscard]] float display_scale() const;
  // Pixels per window unit (2 on a "retina" output, else 1).
  [[nodiscard]] float framebuffer_ratio() const;
  // Loads DejaVu Sans (else Noto Sans, else ImGui's own font) with Noto's
  // Hebrew and Arabic at `scale`, rasterised at `ratio` times that so text
  // stays sharp on dense outputs; CJK, symbols and colour emoji are added
  // when a text first needs them (see app/fonts.hpp).
  void load_fonts(float scale, float ratio = 1.0F);
  [[nodiscard]] const FontSet* font_set() const { return fonts_.get(); }
  void style(ui::Theme theme, float scale);

  // Feeds one SDL event to ImGui.
  void process(const SDL_Event& event);
  // A frame with the platform backend (live) or with a fixed size (shots).
  void begin_frame();
  void begin_frame_fixed(int width, int height);
  // Draws the frame; `present` false keeps it in the back buffer to read.
  void end_frame(bool present = true);
  void present();
  // The frame just ended drew the same picture as the one before it.
  [[nodiscard]] bool frame_unchanged() const { return unchanged_; }
  [[nodiscard]] bool save_png(const std::string& path, std::string& error);

  [[nodiscard]] SDL_Window* window() const { return window_; }
  [[nodiscard]] std::uint32_t wake_event() const { return wake_event_; }

 private:
  // Adds the characters the last frame lacked to the atlas, between frames.
  void add_wanted_glyphs();

  std::unique_ptr<FontSet> fonts_;
  float font_scale_ = 1.0F;
  float font_ratio_ = 1.0F;
  std::uint32_t glyph_event_ = 0;
  bool first_presented_ = false;
  // Skipping frames that would draw the same picture as the last one.
  void draw();
  std::uint64_t last_print_ = 0;
  bool unchanged_ = false;
  bool must_draw_ = true;  // asks the loop for one more frame
  SDL_Window* window_ = nullptr;
  SDL_Renderer* renderer_ = nullptr;
  std::uint32_t wake_event_ = 0;
  bool sdl_ = false;
  bool imgui_ = false;
};

}  // namespace attune::app
