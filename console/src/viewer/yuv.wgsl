// YUV 4:2:0 → RGBA, one fragment per output pixel. The planes are R8 textures read with
// textureLoad (no filtering): pixel (x, y) takes luma (x, y) and the chroma of its 2×2 block,
// (x / 2, y / 2), which also covers odd widths and heights (chroma sides round up).

struct Params {
    // Subtracted from (Y, U, V) first; then rgb = (dot(r, yuv), dot(g, yuv), dot(b, yuv)).
    offset: vec4<f32>,
    r: vec4<f32>,
    g: vec4<f32>,
    b: vec4<f32>,
};

@group(0) @binding(0) var y_plane: texture_2d<f32>;
@group(0) @binding(1) var u_plane: texture_2d<f32>;
@group(0) @binding(2) var v_plane: texture_2d<f32>;
@group(0) @binding(3) var<uniform> params: Params;

// One triangle covering the whole target.
@vertex
fn vs_main(@builtin(vertex_index) index: u32) -> @builtin(position) vec4<f32> {
    let x = f32((index & 1u) << 2u) - 1.0;
    let y = f32((index & 2u) << 1u) - 1.0;
    return vec4<f32>(x, y, 0.0, 1.0);
}

@fragment
fn fs_main(@builtin(position) position: vec4<f32>) -> @location(0) vec4<f32> {
    let pixel = vec2<u32>(position.xy);
    let chroma = pixel / 2u;
    let yuv = vec3<f32>(
        textureLoad(y_plane, pixel, 0).r,
        textureLoad(u_plane, chroma, 0).r,
        textureLoad(v_plane, chroma, 0).r,
    ) - params.offset.xyz;
    let rgb = vec3<f32>(dot(params.r.xyz, yuv), dot(params.g.xyz, yuv), dot(params.b.xyz, yuv));
    return vec4<f32>(clamp(rgb, vec3<f32>(0.0), vec3<f32>(1.0)), 1.0);
}
