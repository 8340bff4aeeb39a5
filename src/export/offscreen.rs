//! Draws the map into an image without a window: its own egui context and wgpu device (Mesa's
//! software renderer where there is no GPU), the same map and furniture code as the window, and
//! a wait until every basemap tile is in before the picture is taken.

use super::{ExportError, SnapshotSpec};
use crate::map::{Basemap, Furniture, MapView, furniture_layout, map_ui, paint_furniture};
use crate::model::{Scenario, UnixSecs, state_at};
use crate::theme;
use eframe::egui_wgpu::{self, RenderState, ScreenDescriptor, wgpu};
use std::path::Path;
use std::time::{Duration, Instant};

/// How long to wait for basemap tiles before refusing to take a half-drawn picture.
const TILE_TIMEOUT: Duration = Duration::from_secs(60);
/// How long to wait for the GPU (or llvmpipe) to finish one picture.
const GPU_TIMEOUT: Duration = Duration::from_secs(60);
/// Passes in a row with no tile in flight before the map counts as complete.
const SETTLED_PASSES: u32 = 3;

/// An RGBA picture, row by row from the top, 8 bits per channel, not premultiplied.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RgbaFrame {
    /// Width in pixels.
    pub width: u32,
    /// Height in pixels.
    pub height: u32,
    /// `width * height * 4` bytes.
    pub pixels: Vec<u8>,
}

impl RgbaFrame {
    /// The pixel at (x, y), if inside.
    pub fn pixel(&self, x: u32, y: u32) -> Option<[u8; 4]> {
        if x >= self.width || y >= self.height {
            return None;
        }
        let at = ((y * self.width + x) * 4) as usize;
        self.pixels.get(at..at + 4).and_then(|p| p.try_into().ok())
    }
}

/// Paints over a rendered map: the painter, the picture's rect in points, the state shown.
pub type Overlay<'a> = dyn Fn(&egui::Painter, egui::Rect, &crate::model::StateAt) + 'a;

/// A renderer for pictures of one size.
pub struct OffscreenRenderer {
    ctx: egui::Context,
    render_state: RenderState,
    map: MapView,
}

impl OffscreenRenderer {
    /// Sets up the device and the basemap (`basemap_path`, or the built-in one), light.
    pub fn new(basemap_path: Option<&Path>) -> Result<Self, ExportError> {
        Self::with_theme(basemap_path, theme::Theme::Light)
    }

    /// Sets up the device and the basemap (`basemap_path`, or the built-in one) in `theme`: the
    /// basemap's style, the map's background and egui's colours for the furniture.
    pub fn with_theme(
        basemap_path: Option<&Path>,
        theme: theme::Theme,
    ) -> Result<Self, ExportError> {
        let setup = egui_wgpu::WgpuSetup::without_display_handle();
        let instance = pollster::block_on(setup.new_instance());
        let config = egui_wgpu::WgpuConfiguration {
            wgpu_setup: setup,
            ..Default::default()
        };
        let render_state = pollster::block_on(RenderState::create(
            &config,
            &instance,
            None,
            egui_wgpu::RendererOptions::default(),
        ))
        .map_err(|e| ExportError::Renderer(e.to_string()))?;
        walkers::install_renderer(Some(&render_state));
        let ctx = egui::Context::default();
        theme::apply(&ctx);
        ctx.set_theme(theme.egui());
        ctx.all_styles_mut(|style| style.animation_time = 0.0);
        let basemap = match basemap_path {
            Some(path) => Basemap::open(path, &ctx, theme)?,
            None => Basemap::embedded(&ctx, theme)?,
        };
        let map = MapView::new(
            crate::model::GeoView {
                lon: 0.0,
                lat: 0.0,
                zoom: 2.0,
            },
            Some(basemap),
        );
        Ok(Self {
            ctx,
            render_state,
            map,
        })
    }

    /// Where the map's names and markers went in the last picture.
    pub fn label_layout(&self) -> &crate::map::LabelLayout {
        &self.map.label_layout
    }

    /// The credits of the basemap in use.
    pub fn basemap_credit(&self) -> String {
        self.map
            .basemap
            .as_ref()
            .map_or_else(String::new, |basemap| basemap.credit().to_string())
    }

    /// Draws `scenario` at `t` as `spec` says, once every basemap tile it needs has loaded.
    pub fn render(
        &mut self,
        scenario: &Scenario,
        t: UnixSecs,
        spec: &SnapshotSpec,
    ) -> Result<RgbaFrame, ExportError> {
        self.render_with_overlay(scenario, t, spec, &|_, _, _| {})
    }

    /// [`render`](Self::render), then `overlay` paints over the map and its furniture (given the
    /// painter, the picture's rect in points and the state at `t`): a story's caption.
    pub fn render_with_overlay(
        &mut self,
        scenario: &Scenario,
        t: UnixSecs,
        spec: &SnapshotSpec,
        overlay: &Overlay<'_>,
    ) -> Result<RgbaFrame, ExportError> {
        let [width_px, height_px] = spec.size_px;
        let pixels_per_point = spec.pixels_per_point;
        let size_in_points = egui::vec2(width_px as f32, height_px as f32) / pixels_per_point;
        self.map.set_view(spec.view);
        let started = Instant::now();
        let mut settled = 0;
        let mut passes = 0;
        let output = loop {
            let output = self.pass(scenario, t, spec, size_in_points, overlay);
            passes += 1;
            let loading = self.map.basemap.as_ref().is_some_and(Basemap::is_loading);
            settled = if loading { 0 } else { settled + 1 };
            if settled >= SETTLED_PASSES && passes > SETTLED_PASSES {
                break output;
            }
            if started.elapsed() > TILE_TIMEOUT {
                return Err(ExportError::TilesTimeout(TILE_TIMEOUT.as_secs()));
            }
            if loading {
                std::thread::sleep(Duration::from_millis(5));
            }
        };
        self.draw(&output, [width_px, height_px])
    }

    /// One egui pass over the whole picture; textures are uploaded as they change.
    fn pass(
        &mut self,
        scenario: &Scenario,
        t: UnixSecs,
        spec: &SnapshotSpec,
        size_in_points: egui::Vec2,
        overlay: &Overlay<'_>,
    ) -> egui::FullOutput {
        let mut input = egui::RawInput {
            screen_rect: Some(egui::Rect::from_min_size(egui::Pos2::ZERO, size_in_points)),
            ..Default::default()
        };
        if let Some(viewport) = input.viewports.get_mut(&egui::ViewportId::ROOT) {
            viewport.native_pixels_per_point = Some(spec.pixels_per_point);
        }
        let credit = self.basemap_credit();
        let state = state_at(scenario, t);
        let map = &mut self.map;
        let mut output = self.ctx.run_ui(input, |ui| {
            egui::CentralPanel::no_frame().show(ui, |ui| {
                let rect = ui.available_rect_before_wrap();
                let painter = ui.painter().with_clip_rect(rect);
                let furniture = Furniture {
                    app6_symbols: spec.layers.app6_symbols.then(|| spec.layers.clone()),
                    ..spec.furniture.clone()
                };
                map.keep_clear =
                    furniture_layout(&painter, rect, &furniture, scenario, &state, &credit).rects();
                map_ui(ui, map, scenario, &state, &spec.layers, None, None);
                paint_furniture(
                    &painter, rect, &furniture, scenario, &state, spec.view, &credit,
                );
                overlay(&painter, rect, &state);
            });
        });
        let mut renderer = self.render_state.renderer.write();
        for (id, image_deltas) in &output.textures_delta.set {
            for image_delta in image_deltas {
                renderer.update_texture(
                    &self.render_state.device,
                    &self.render_state.queue,
                    *id,
                    image_delta,
                );
            }
        }
        for id in &output.textures_delta.free {
            renderer.free_texture(id);
        }
        output.textures_delta.clear();
        output
    }

    /// Renders the shapes of `output` into a texture and reads it back.
    fn draw(
        &self,
        output: &egui::FullOutput,
        [width, height]: [u32; 2],
    ) -> Result<RgbaFrame, ExportError> {
        let RenderState {
            device,
            queue,
            renderer,
            target_format,
            ..
        } = &self.render_state;
        let pixels_per_point = output.pixels_per_point;
        let screen = ScreenDescriptor {
            size_in_pixels: [width, height],
            pixels_per_point,
        };
        let primitives = self.ctx.tessellate(output.shapes.clone(), pixels_per_point);
        let texture = device.create_texture(&wgpu::TextureDescriptor {
            label: Some("deploymap export"),
            size: wgpu::Extent3d {
                width,
                height,
                depth_or_array_layers: 1,
            },
            mip_level_count: 1,
            sample_count: 1,
            dimension: wgpu::TextureDimension::D2,
            format: *target_format,
            usage: wgpu::TextureUsages::RENDER_ATTACHMENT | wgpu::TextureUsages::COPY_SRC,
            view_formats: &[],
        });
        let view = texture.create_view(&wgpu::TextureViewDescriptor::default());
        let mut encoder = device.create_command_encoder(&wgpu::CommandEncoderDescriptor::default());
        let mut renderer = renderer.write();
        let user_buffers =
            renderer.update_buffers(device, queue, &mut encoder, &primitives, &screen);
        {
            let mut pass = encoder
                .begin_render_pass(&wgpu::RenderPassDescriptor {
                    label: Some("deploymap export pass"),
                    color_attachments: &[Some(wgpu::RenderPassColorAttachment {
                        view: &view,
                        resolve_target: None,
                        ops: wgpu::Operations {
                            load: wgpu::LoadOp::Clear(wgpu::Color::WHITE),
                            store: wgpu::StoreOp::Store,
                        },
                        depth_slice: None,
                    })],
                    ..Default::default()
                })
                .forget_lifetime();
            renderer.render(&mut pass, &primitives, &screen);
        }
        // Copy the picture out, each row padded as wgpu requires.
        let unpadded_row = width as usize * 4;
        let align = wgpu::COPY_BYTES_PER_ROW_ALIGNMENT as usize;
        let padded_row = unpadded_row.div_ceil(align) * align;
        let buffer = device.create_buffer(&wgpu::BufferDescriptor {
            label: Some("deploymap export readback"),
            size: (padded_row * height as usize) as u64,
            usage: wgpu::BufferUsages::MAP_READ | wgpu::BufferUsages::COPY_DST,
            mapped_at_creation: false,
        });
        encoder.copy_texture_to_buffer(
            texture.as_image_copy(),
            wgpu::TexelCopyBufferInfo {
                buffer: &buffer,
                layout: wgpu::TexelCopyBufferLayout {
                    offset: 0,
                    bytes_per_row: Some(padded_row as u32),
                    rows_per_image: None,
                },
            },
            wgpu::Extent3d {
                width,
                height,
                depth_or_array_layers: 1,
            },
        );
        let submission = queue.submit(
            user_buffers
                .into_iter()
                .chain(std::iter::once(encoder.finish())),
        );
        let slice = buffer.slice(..);
        let (sender, receiver) = std::sync::mpsc::channel();
        slice.map_async(wgpu::MapMode::Read, move |result| {
            sender.send(result).ok();
        });
        device
            .poll(wgpu::PollType::Wait {
                submission_index: Some(submission),
                timeout: Some(GPU_TIMEOUT),
            })
            .map_err(|e| ExportError::Renderer(format!("the renderer did not finish: {e}")))?;
        receiver
            .recv()
            .map_err(|e| ExportError::Renderer(e.to_string()))?
            .map_err(|e| ExportError::Renderer(e.to_string()))?;
        let mapped = slice
            .get_mapped_range()
            .map_err(|e| ExportError::Renderer(e.to_string()))?;
        let mut pixels = Vec::with_capacity(unpadded_row * height as usize);
        for row in mapped.chunks_exact(padded_row) {
            pixels.extend_from_slice(&row[..unpadded_row]);
        }
        drop(mapped);
        buffer.unmap();
        if matches!(
            target_format,
            wgpu::TextureFormat::Bgra8Unorm | wgpu::TextureFormat::Bgra8UnormSrgb
        ) {
            for pixel in pixels.chunks_exact_mut(4) {
                pixel.swap(0, 2);
            }
        }
        Ok(RgbaFrame {
            width,
            height,
            pixels,
        })
    }
}
