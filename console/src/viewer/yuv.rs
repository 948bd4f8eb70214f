//! YUV 4:2:0 → RGBA on the GPU: the three planes of a decoded H.264 picture go to three R8
//! textures (`queue.write_texture`, straight from the shared picture), and a render pass with
//! the shader in `yuv.wgsl` draws them as RGBA into a target texture of the same size — the
//! texture the viewer shows. Plain wgpu, no egui: the bridge to egui is `viewer::texture`.
//!
//! The colour rules (matrix, range) are [`YuvColor::coefficients`], the same numbers the CPU
//! conversion ([`YuvImage::to_rgba`]) uses, so the two agree to rounding.

use crate::state::screen::yuv::{YuvColor, YuvImage};

use super::wgpu;

/// Size of the uniform block: offset and three rows, each a `vec4<f32>`.
const PARAMS_BYTES: usize = 4 * 4 * 4;

/// The plane textures for one picture size, and the bind group that reads them.
struct Planes {
    size: (u32, u32),
    y: wgpu::Texture,
    u: wgpu::Texture,
    v: wgpu::Texture,
    bind_group: wgpu::BindGroup,
}

/// Converts YUV pictures to RGBA on one device.
pub struct YuvConverter {
    pipeline: wgpu::RenderPipeline,
    params: wgpu::Buffer,
    color: Option<YuvColor>,
    planes: Option<Planes>,
}

impl std::fmt::Debug for YuvConverter {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("YuvConverter")
            .field("size", &self.size())
            .field("color", &self.color)
            .finish_non_exhaustive()
    }
}

fn params_bytes(color: YuvColor) -> [u8; PARAMS_BYTES] {
    let k = color.coefficients();
    let rows = [k.offset, k.r, k.g, k.b];
    let mut out = [0u8; PARAMS_BYTES];
    for (i, value) in rows
        .iter()
        .flat_map(|row| [row[0], row[1], row[2], 0.0])
        .enumerate()
    {
        out[i * 4..i * 4 + 4].copy_from_slice(&value.to_ne_bytes());
    }
    out
}

fn plane_texture(device: &wgpu::Device, label: &str, (width, height): (u32, u32)) -> wgpu::Texture {
    device.create_texture(&wgpu::TextureDescriptor {
        label: Some(label),
        size: wgpu::Extent3d {
            width,
            height,
            depth_or_array_layers: 1,
        },
        mip_level_count: 1,
        sample_count: 1,
        dimension: wgpu::TextureDimension::D2,
        format: wgpu::TextureFormat::R8Unorm,
        usage: wgpu::TextureUsages::TEXTURE_BINDING | wgpu::TextureUsages::COPY_DST,
        view_formats: &[],
    })
}

fn write_plane(queue: &wgpu::Queue, texture: &wgpu::Texture, data: &[u8], (w, h): (u32, u32)) {
    queue.write_texture(
        wgpu::TexelCopyTextureInfo {
            texture,
            mip_level: 0,
            origin: wgpu::Origin3d::ZERO,
            aspect: wgpu::TextureAspect::All,
        },
        data,
        wgpu::TexelCopyBufferLayout {
            offset: 0,
            // Tightly packed rows; `write_texture` needs no 256-byte alignment.
            bytes_per_row: Some(w),
            rows_per_image: Some(h),
        },
        wgpu::Extent3d {
            width: w,
            height: h,
            depth_or_array_layers: 1,
        },
    );
}

impl YuvConverter {
    /// A converter drawing into textures of `target_format` (the viewer uses
    /// `Rgba8Unorm`: the shader's output is written as it is, already gamma-encoded).
    pub fn new(device: &wgpu::Device, target_format: wgpu::TextureFormat) -> Self {
        let shader = device.create_shader_module(wgpu::include_wgsl!("yuv.wgsl"));
        let pipeline = device.create_render_pipeline(&wgpu::RenderPipelineDescriptor {
            label: Some("lifeline yuv to rgba"),
            layout: None,
            vertex: wgpu::VertexState {
                module: &shader,
                entry_point: Some("vs_main"),
                compilation_options: wgpu::PipelineCompilationOptions::default(),
                buffers: &[],
            },
            fragment: Some(wgpu::FragmentState {
                module: &shader,
                entry_point: Some("fs_main"),
                compilation_options: wgpu::PipelineCompilationOptions::default(),
                targets: &[Some(target_format.into())],
            }),
            primitive: wgpu::PrimitiveState {
                topology: wgpu::PrimitiveTopology::TriangleList,
                ..Default::default()
            },
            depth_stencil: None,
            multisample: wgpu::MultisampleState::default(),
            multiview_mask: None,
            cache: None,
        });
        let params = device.create_buffer(&wgpu::BufferDescriptor {
            label: Some("lifeline yuv params"),
            size: PARAMS_BYTES as u64,
            usage: wgpu::BufferUsages::UNIFORM | wgpu::BufferUsages::COPY_DST,
            mapped_at_creation: false,
        });
        Self {
            pipeline,
            params,
            color: None,
            planes: None,
        }
    }

    /// The size of the last picture uploaded.
    pub fn size(&self) -> Option<(u32, u32)> {
        self.planes.as_ref().map(|p| p.size)
    }

    /// Writes `picture`'s planes to the GPU (new textures when its size changed); returns the
    /// bytes written.
    pub fn upload(
        &mut self,
        device: &wgpu::Device,
        queue: &wgpu::Queue,
        picture: &YuvImage,
    ) -> u64 {
        let size = (picture.width(), picture.height());
        if self.planes.as_ref().map(|p| p.size) != Some(size) {
            self.planes = Some(self.create_planes(device, size, picture.chroma_size()));
        }
        if self.color != Some(picture.color()) {
            queue.write_buffer(&self.params, 0, &params_bytes(picture.color()));
            self.color = Some(picture.color());
        }
        let Some(planes) = &self.planes else {
            return 0;
        };
        write_plane(queue, &planes.y, picture.y(), size);
        write_plane(queue, &planes.u, picture.u(), picture.chroma_size());
        write_plane(queue, &planes.v, picture.v(), picture.chroma_size());
        picture.byte_len() as u64
    }

    fn create_planes(&self, device: &wgpu::Device, size: (u32, u32), chroma: (u32, u32)) -> Planes {
        let y = plane_texture(device, "lifeline luma plane", size);
        let u = plane_texture(device, "lifeline cb plane", chroma);
        let v = plane_texture(device, "lifeline cr plane", chroma);
        let view = |t: &wgpu::Texture| t.create_view(&wgpu::TextureViewDescriptor::default());
        let (y_view, u_view, v_view) = (view(&y), view(&u), view(&v));
        let bind_group = device.create_bind_group(&wgpu::BindGroupDescriptor {
            label: Some("lifeline yuv planes"),
            layout: &self.pipeline.get_bind_group_layout(0),
            entries: &[
                wgpu::BindGroupEntry {
                    binding: 0,
                    resource: wgpu::BindingResource::TextureView(&y_view),
                },
                wgpu::BindGroupEntry {
                    binding: 1,
                    resource: wgpu::BindingResource::TextureView(&u_view),
                },
                wgpu::BindGroupEntry {
                    binding: 2,
                    resource: wgpu::BindingResource::TextureView(&v_view),
                },
                wgpu::BindGroupEntry {
                    binding: 3,
                    resource: self.params.as_entire_binding(),
                },
            ],
        });
        Planes {
            size,
            y,
            u,
            v,
            bind_group,
        }
    }

    /// Records the conversion of the last uploaded picture into `target`, which must be a
    /// view of a texture of the picture's size. Returns `false` (recording nothing) before
    /// the first upload.
    pub fn encode(&self, encoder: &mut wgpu::CommandEncoder, target: &wgpu::TextureView) -> bool {
        let Some(planes) = &self.planes else {
            return false;
        };
        let mut pass = encoder.begin_render_pass(&wgpu::RenderPassDescriptor {
            label: Some("lifeline yuv to rgba"),
            color_attachments: &[Some(wgpu::RenderPassColorAttachment {
                view: target,
                depth_slice: None,
                resolve_target: None,
                ops: wgpu::Operations {
                    // Every pixel is drawn.
                    load: wgpu::LoadOp::Clear(wgpu::Color::BLACK),
                    store: wgpu::StoreOp::Store,
                },
            })],
            depth_stencil_attachment: None,
            occlusion_query_set: None,
            timestamp_writes: None,
            multiview_mask: None,
        });
        pass.set_pipeline(&self.pipeline);
        pass.set_bind_group(0, &planes.bind_group, &[]);
        pass.draw(0..3, 0..1);
        true
    }

    /// Uploads `picture` and converts it into `target` (a texture of its size) in one
    /// submission; returns the plane bytes written.
    pub fn convert(
        &mut self,
        device: &wgpu::Device,
        queue: &wgpu::Queue,
        picture: &YuvImage,
        target: &wgpu::TextureView,
    ) -> u64 {
        let written = self.upload(device, queue, picture);
        let mut encoder = device.create_command_encoder(&wgpu::CommandEncoderDescriptor {
            label: Some("lifeline yuv to rgba"),
        });
        self.encode(&mut encoder, target);
        queue.submit(std::iter::once(encoder.finish()));
        written
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn params_hold_the_coefficients_as_four_vec4() {
        let bytes = params_bytes(YuvColor::BT601_LIMITED);
        let floats: Vec<f32> = bytes
            .chunks_exact(4)
            .map(|c| f32::from_ne_bytes([c[0], c[1], c[2], c[3]]))
            .collect();
        let k = YuvColor::BT601_LIMITED.coefficients();
        assert_eq!(&floats[0..3], &k.offset);
        assert_eq!(&floats[4..7], &k.r);
        assert_eq!(&floats[8..11], &k.g);
        assert_eq!(&floats[12..15], &k.b);
        assert_eq!([floats[3], floats[7], floats[11], floats[15]], [0.0; 4]);
    }
}
