import Crypto
import Foundation
import NIOSSL
import Synchronization
import SwiftASN1
import X509

/// The certificate authority of one run: made fresh (P-256) when the run starts, trusted only
/// by the app under test (through the CA-bundle variables), and signing a leaf certificate for
/// each platform host the app reaches through the proxy, made when first asked for.
public final class CertificateAuthority: Sendable {
    /// The authority's certificate, PEM-encoded, as the app's CA bundle holds it.
    public let certificatePEM: String
    private let certificate: Certificate
    private let key: P256.Signing.PrivateKey
    private let keyIdentifier: [UInt8]
    private let contexts = Mutex<[String: NIOSSLContext]>([:])

    public init() throws {
        let key = P256.Signing.PrivateKey()
        let name = try DistinguishedName {
            OrganizationName("Switchboard")
            CommonName("Switchboard test run CA (not for use outside tests)")
        }
        let identifier = Self.keyIdentifier(of: key.publicKey)
        let now = Date()
        let certificate = try Certificate(
            version: .v3, serialNumber: Certificate.SerialNumber(), publicKey: .init(key.publicKey),
            notValidBefore: now - 3600, notValidAfter: now + 7 * 86_400, issuer: name, subject: name,
            signatureAlgorithm: .ecdsaWithSHA256,
            extensions: try Certificate.Extensions {
                Critical(BasicConstraints.isCertificateAuthority(maxPathLength: 0))
                Critical(KeyUsage(keyCertSign: true, cRLSign: true))
                SubjectKeyIdentifier(keyIdentifier: identifier[...])
            },
            issuerPrivateKey: .init(key))
        self.certificate = certificate
        self.key = key
        self.keyIdentifier = identifier
        certificatePEM = try certificate.serializeAsPEM().pemString + "\n"
    }

    /// The TLS server context for `host`: a leaf certificate naming it, signed by this authority.
    public func serverContext(for host: String) throws -> NIOSSLContext {
        let host = host.lowercased()
        if let context = contexts.withLock({ $0[host] }) { return context }
        let leafKey = P256.Signing.PrivateKey()
        let now = Date()
        let leaf = try Certificate(
            version: .v3, serialNumber: Certificate.SerialNumber(), publicKey: .init(leafKey.publicKey),
            notValidBefore: now - 3600, notValidAfter: now + 7 * 86_400, issuer: certificate.subject,
            subject: try DistinguishedName { CommonName(host) },
            signatureAlgorithm: .ecdsaWithSHA256,
            extensions: try Certificate.Extensions {
                Critical(BasicConstraints.notCertificateAuthority)
                Critical(KeyUsage(digitalSignature: true))
                try ExtendedKeyUsage([.serverAuth])
                SubjectKeyIdentifier(keyIdentifier: Self.keyIdentifier(of: leafKey.publicKey)[...])
                AuthorityKeyIdentifier(keyIdentifier: keyIdentifier[...])
                SubjectAlternativeNames([.dnsName(host)])
            },
            issuerPrivateKey: .init(key))
        var serializer = DER.Serializer()
        try serializer.serialize(leaf)
        let configuration = TLSConfiguration.makeServerConfiguration(
            certificateChain: [.certificate(try NIOSSLCertificate(bytes: serializer.serializedBytes, format: .der))],
            privateKey: .privateKey(try NIOSSLPrivateKey(bytes: Array(leafKey.derRepresentation), format: .der)))
        let context = try NIOSSLContext(configuration: configuration)
        contexts.withLock { $0[host] = context }
        return context
    }

    /// Writes the authority's certificate into `folder` (`switchboard-ca.pem`); returns its path.
    public func write(into folder: String) throws -> String {
        let path = (folder as NSString).appendingPathComponent("switchboard-ca.pem")
        try certificatePEM.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    /// RFC 5280's first method: the SHA-1 of the public key's bits.
    private static func keyIdentifier(of key: P256.Signing.PublicKey) -> [UInt8] {
        Array(Insecure.SHA1.hash(data: key.x963Representation))
    }
}
