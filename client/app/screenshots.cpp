// --render-screens: every screen and state, drawn from sample models (folded
// through the engine, no network) with the software renderer, to PNG.
#include <imgui.h>
#include <imgui_internal.h>

#include <filesystem>
#include <iostream>
#include <optional>
#include <sstream>
#include <string>
#include <string_view>

#include "app/app.hpp"
#include "app/platform.hpp"
#include "attune/content.hpp"
#include "attune/log.hpp"
#include "ui/samples.hpp"
#include "ui/view_context.hpp"

namespace attune::app {
namespace {

constexpr int kWidth = 1280;
constexpr int kHeight = 800;
// Cards measure themselves on one frame and draw on the next; popups open a
// frame after they are asked for.
constexpr int kSettleFrames = 4;

// A window whose content is wider than it (text or widgets cut off at the
// right), or taller than it with no scrollbar to reach the rest.
std::optional<std::string> overflowing_window() {
  const ImGuiContext& g = *ImGui::GetCurrentContext();
  for (int i = 0; i < g.Windows.Size; ++i) {
    const ImGuiWindow* window = g.Windows[i];
    if (!window->WasActive || window->Hidden) continue;
    // A multi-line text box scrolls its own text; that is not the page.
    const bool text_box = (window->Flags & ImGuiWindowFlags_ChildWindow) != 0 &&
                          (window->Flags & ImGuiWindowFlags_NoMove) != 0 && window->ParentWindow != nullptr &&
                          (window->ParentWindow->Flags & ImGuiWindowFlags_ChildWindow) != 0 &&
                          std::string_view(window->Name).find("/##") != std::string_view::npos;
    if (text_box) continue;
    const bool scrolls_sideways = (window->Flags & ImGuiWindowFlags_HorizontalScrollbar) != 0;
    if (window->ScrollMax.x > 1.0F && !scrolls_sideways) {
      return std::string("\"") + window->Name + "\" is " + std::to_string(static_cast<int>(window->ScrollMax.x)) +
             " px too wide";
    }
    if (window->ScrollMax.y > 1.0F && (window->Flags & ImGuiWindowFlags_NoScrollbar) != 0) {
      return std::string("\"") + window->Name + "\" is " + std::to_string(static_cast<int>(window->ScrollMax.y)) +
             " px too tall and cannot scroll";
    }
  }
  return std::nullopt;
}

std::string scale_text(float scale) {
  std::ostringstream text;
  text << scale;
  return text.str();
}

bool render_pass(const std::filesystem::path& dir, float scale, const Content& content, const ui::Assets& assets,
                 ui::Theme base_theme) {
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  if (ec) {
    attune::log::error("cannot create " + dir.string() + ": " + ec.message());
    return false;
  }
  Platform platform;
  std::string error;
  PlatformOptions options;
  options.width = kWidth;
  options.height = kHeight;
  options.software = true;
  options.hidden = true;
  if (!platform.open(options, error)) {
    attune::log::error(error);
    return false;
  }
  platform.load_fonts(scale);
  std::size_t written = 0;
  for (auto& sample : ui::sample_screens(content.exercise, content.deck)) {
    const ui::Theme theme = sample.dark ? ui::Theme::kDark : base_theme;
    platform.style(theme, scale);
    for (int frame = 0; frame < kSettleFrames; ++frame) {
      std::vector<client::Action> ignored;
      const ui::ViewContext ctx{sample.model,
                                sample.ui,
                                assets,
                                sample.host,
                                sample.now_ms,
                                ignored,
                                sample.replay ? &*sample.replay : nullptr};
      platform.begin_frame_fixed(kWidth, kHeight);
      ui::draw_app(ctx);
      const bool last = frame + 1 == kSettleFrames;
      platform.end_frame(!last);
      if (last) {
        if (auto overflow = overflowing_window()) {
          attune::log::error("the screen " + std::string(sample.name) + " does not fit " + std::to_string(kWidth) +
                             "x" + std::to_string(kHeight) + " at scale " + scale_text(scale) + ": " + *overflow);
          return false;
        }
        const auto path = dir / (sample.name + ".png");
        if (!platform.save_png(path.string(), error)) {
          attune::log::error(error);
          return false;
        }
        ++written;
      }
    }
  }
  std::cout << "attune: wrote " << written << " screens to " << dir.string() << std::endl;
  return true;
}

}  // namespace

int render_screens(const std::string& dir, const AppOptions& options) {
  auto loaded = load_content(default_assets_dir());
  if (auto* problem = std::get_if<ContentError>(&loaded)) {
    attune::log::error(problem->message);
    return 1;
  }
  const Content& content = std::get<Content>(loaded);
  ui::Assets assets{content.feelings, content.nudges, content.needs, content.care, nullptr};
  const std::filesystem::path root(dir);
  if (!render_pass(root, options.scale, content, assets, options.theme)) return 1;
  if (!render_pass(root / "scale150", options.scale * 1.5F, content, assets, options.theme)) return 1;
  return 0;
}

}  // namespace attune::app
