//! A fast 64-bit hash of one pixel row, used only to *propose* scroll shifts. Nothing trusts
//! it for correctness: the encoder compares real bytes before it skips a tile.

const K0: u64 = 0x9e37_79b9_7f4a_7c15;
const K1: u64 = 0xc2b2_ae3d_27d4_eb4f;
const K2: u64 = 0x1656_67b1_9e37_79f9;
const K3: u64 = 0xff51_afd7_ed55_8ccd;

/// Hashes `row` four 64-bit lanes at a time (independent multiply chains keep the CPU busy).
pub(super) fn row_hash(row: &[u8]) -> u64 {
    let (words, tail) = row.as_chunks::<8>();
    let (blocks, rest) = words.as_chunks::<4>();
    let mut h = [K0, K1, K2, K3];
    for block in blocks {
        let [a, b, c, d] = block;
        h[0] = (h[0] ^ u64::from_le_bytes(*a))
            .wrapping_mul(K1)
            .rotate_left(31);
        h[1] = (h[1] ^ u64::from_le_bytes(*b))
            .wrapping_mul(K2)
            .rotate_left(31);
        h[2] = (h[2] ^ u64::from_le_bytes(*c))
            .wrapping_mul(K3)
            .rotate_left(31);
        h[3] = (h[3] ^ u64::from_le_bytes(*d))
            .wrapping_mul(K0)
            .rotate_left(31);
    }
    let mut acc = h[0] ^ h[1].rotate_left(17) ^ h[2].rotate_left(34) ^ h[3].rotate_left(51);
    for word in rest {
        acc = (acc ^ u64::from_le_bytes(*word))
            .wrapping_mul(K1)
            .rotate_left(29);
    }
    for &byte in tail {
        acc = (acc ^ u64::from(byte)).wrapping_mul(K2);
    }
    fmix(acc ^ row.len() as u64)
}

/// MurmurHash3's finalizer: spreads every input bit over the output.
fn fmix(mut h: u64) -> u64 {
    h ^= h >> 33;
    h = h.wrapping_mul(K3);
    h ^= h >> 33;
    h = h.wrapping_mul(K1);
    h ^ (h >> 33)
}

/// Hashes rows `rows` of `data` (rows of `stride` bytes) into `out[rows]`.
pub(super) fn hash_rows(data: &[u8], stride: usize, rows: std::ops::Range<usize>, out: &mut [u64]) {
    let bytes = data.get(rows.start * stride..).unwrap_or_default();
    let slots = out.get_mut(rows.clone()).unwrap_or_default();
    for (slot, row) in slots.iter_mut().zip(bytes.chunks_exact(stride.max(1))) {
        *slot = row_hash(row);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn different_rows_hash_differently() {
        let a = vec![7u8; 4320];
        let mut b = a.clone();
        b[4000] ^= 1;
        assert_ne!(row_hash(&a), row_hash(&b));
        assert_eq!(row_hash(&a), row_hash(&a.clone()));
        assert_ne!(row_hash(&a[..4]), row_hash(&a[..8]));
        let mut c = a.clone();
        c[3] = 0;
        assert_ne!(row_hash(&a[..5]), row_hash(&c[..5]));
    }
}
