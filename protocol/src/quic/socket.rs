//! UDP sockets for QUIC endpoints, with kernel buffers sized for bursts.
//!
//! Every QUIC packet of every connection on an endpoint lands in one UDP socket. When a
//! burst (a keyframe, an app switch on many phones at once) arrives faster than the endpoint
//! reads, the kernel drops what does not fit in the socket's receive buffer, and each drop
//! costs the sender a loss-recovery delay of tens of milliseconds. Linux's default buffer
//! (about 208 KiB) holds less than one keyframe of a large screen, so endpoints ask for more.
//! The kernel grants at most `net.core.rmem_max` / `wmem_max`; [`UdpBuffers`] says what it
//! granted.

use std::io;
use std::net::SocketAddr;

use socket2::{Domain, Protocol, Socket, Type};

/// Receive and send buffer a server asks for: room for bursts from many connections.
pub const SERVER_SOCKET_BUFFER: usize = 8 * 1024 * 1024;

/// Receive and send buffer a client asks for: room for a full-screen keyframe.
pub const CLIENT_SOCKET_BUFFER: usize = 2 * 1024 * 1024;

/// Linux reports twice the buffer size it granted (it counts its bookkeeping too).
const REPORTED_PER_GRANTED: usize = if cfg!(target_os = "linux") { 2 } else { 1 };

/// The kernel buffers a socket was granted, in bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct UdpBuffers {
    /// Receive buffer.
    pub receive: usize,
    /// Send buffer.
    pub send: usize,
}

impl UdpBuffers {
    /// Whether the kernel granted less receive buffer than `wanted` (it caps requests at
    /// `net.core.rmem_max`).
    pub fn receive_capped(&self, wanted: usize) -> bool {
        self.receive < wanted
    }
}

/// A UDP socket bound to `addr`, asking the kernel for `buffer` bytes each way. A refused
/// size is not an error: the socket keeps what the kernel gave, which [`UdpBuffers`] reports.
/// An IPv6 wildcard address also accepts IPv4 where the system allows it.
pub fn bind_udp(addr: SocketAddr, buffer: usize) -> io::Result<(std::net::UdpSocket, UdpBuffers)> {
    let socket = Socket::new(Domain::for_address(addr), Type::DGRAM, Some(Protocol::UDP))?;
    if addr.is_ipv6() && addr.ip().is_unspecified() {
        // Dual-stack where allowed; a system that refuses keeps the socket IPv6-only.
        let _ = socket.set_only_v6(false);
    }
    // Requests the kernel refuses leave the default; the sizes below say what it kept.
    let _ = socket.set_recv_buffer_size(buffer);
    let _ = socket.set_send_buffer_size(buffer);
    let buffers = UdpBuffers {
        receive: socket.recv_buffer_size()? / REPORTED_PER_GRANTED,
        send: socket.send_buffer_size()? / REPORTED_PER_GRANTED,
    };
    socket.bind(&addr.into())?;
    Ok((socket.into(), buffers))
}

/// A quinn endpoint on `socket` (from [`bind_udp`]), serving with `server` when given.
pub fn endpoint(
    socket: std::net::UdpSocket,
    server: Option<quinn::ServerConfig>,
) -> io::Result<quinn::Endpoint> {
    let runtime =
        quinn::default_runtime().ok_or_else(|| io::Error::other("no async runtime found"))?;
    quinn::Endpoint::new(quinn::EndpointConfig::default(), server, socket, runtime)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The most the kernel grants without privileges, when it says.
    fn kernel_limit(name: &str) -> Option<usize> {
        std::fs::read_to_string(format!("/proc/sys/net/core/{name}"))
            .ok()
            .and_then(|limit| limit.trim().parse().ok())
    }

    #[test]
    fn a_socket_gets_the_buffers_it_asks_for_up_to_the_kernel_limit() {
        let (socket, granted) =
            bind_udp(SocketAddr::from(([127, 0, 0, 1], 0)), CLIENT_SOCKET_BUFFER).unwrap();
        assert_ne!(socket.local_addr().unwrap().port(), 0);
        match (kernel_limit("rmem_max"), kernel_limit("wmem_max")) {
            (Some(rmem_max), Some(wmem_max)) => {
                assert_eq!(granted.receive, CLIENT_SOCKET_BUFFER.min(rmem_max));
                assert_eq!(granted.send, CLIENT_SOCKET_BUFFER.min(wmem_max));
                assert_eq!(
                    granted.receive_capped(CLIENT_SOCKET_BUFFER),
                    rmem_max < CLIENT_SOCKET_BUFFER
                );
            }
            _ => assert!(granted.receive > 0 && granted.send > 0, "{granted:?}"),
        }
    }

    #[test]
    fn a_port_in_use_is_an_error() {
        let (taken, _) =
            bind_udp(SocketAddr::from(([127, 0, 0, 1], 0)), CLIENT_SOCKET_BUFFER).unwrap();
        let err = bind_udp(taken.local_addr().unwrap(), CLIENT_SOCKET_BUFFER).unwrap_err();
        assert_eq!(err.kind(), io::ErrorKind::AddrInUse);
    }
}
