import Testing
import RasterDeflate

@Suite struct InflateBasicTests {
    let fox = Array(String(repeating: "The quick brown fox jumps over the lazy dog. ", count: 20).utf8)

    @Test func zlibLevel9FromPython() throws {
        let z = hexBytes("78da0bc94855282ccd4cce56482aca2fcf5348cbaf50c82acd2d2856c82f4b2d5228014ae72456552aa4e4a7eb29848c2a1e553caa98da8a0147a5431c")
        #expect(try Zlib.decompress(z) == fox)
    }

    @Test func zlibEmptyAndOneByte() throws {
        #expect(try Zlib.decompress(hexBytes("789c030000000001")) == [])
        #expect(try Zlib.decompress(hexBytes("78014b040000620062")) == [0x61])
    }

    @Test func zlibDynamicBlockFromPython() throws {
        let z = hexBytes("789c25968b112339080553516a8004e41f81bbc7757bbb657b46c0fba1ca97bb3b37376662dfcd8e88137327cedd3db7efdd1773b25ef69973dfdbc3a377a6fa742ebf9ce98d8d3755e7c63de7cee9dec739a7fc14dbe79ed99e8e7378f8d6a93c2f327defbeace6ff7aa738be7793c37af8fef9f68da9a8b5fad9cba93df1eac6cb7cafe6151ddf2ddbeebc7337e79d8d9e1775bbbe83e8e8304e0665e8f2f579dd9dcff7187a92e63b2779e4f53bb98f1e22f826ee9dcaad5b3973dea1c1bcc2f47ae924b39763cef6f3dc4b0b809a7da94eedc7e7931758866198d7d796e1f99a4e9cfb300bcd03513d000bba5d0b2d334cd7e3efe028e079809e77a31c864a0b0d0c7283e32cfe1eff6ee661983737ec0f06e2d012f8a6ac41dbd65e00a1a1075310b64151aaffcf001126134830c8a03d8e7f02d8815c4007bec10226a0075a5e2914e09f411017b9484a862ff11b07ae8f82253f87d40f950f03c020b5ce09a87f4046e3cbbf4cf4d17fb396f9058ab2c8948ee88bea05fecc27eacc25e73b75afda44af3c00d381ec86098b874775d0135a462c808c2292030a014cd3cd0d74726441958d801555501fe02e6c358df3fc2c802091644aa804661e1d35dfbc4a634cc33150ca7108aac1015606b5a139a92875072834978174711ddf0cb23af44543d41d8a3ea745316863023761c43b1a09b9c12d7dae2486767a520c41a88621380b2aa1b16cb2673ea3f96d537473bb34d4d73db80f5e5b6040ca081131c1197640fb211490fe49a5a80368d81a7130e8d09804cbfd4ab6a3e43def83fc531603c1f4f2e7e26aac083a4cdca7d46eebf89b908f3f380a4f3d295660910d7238bb1393a30898c1bad3241485a043e4e98461f9b1c4159f3e75a6454bad09085f6c81280d6050e81b928c13a2c83453ef81cfa26be442921d73016b692866421a9faafdeed80c6ea26fe3af946337c26b79f134cee7692346ff12338884703de268bc702a52fe3e5da125176083ecb113929356bf0c35a9f0ed7c52a6db120c8ca94842cc388853c1dfe8d60bdababef304beeb3e5c7e8c16d282e056f6a09f2895b27a5b6d581ec7c797d164cb835545ee78876e696d2942293e5d2df095a75774300a07ed1952744931803ce685dc9106881c82d43c8abf1427aa46175057ddd0f8938ce33c1e4a24007bcbe6a285d6b34757a748ee45e91c143601cf8851da5d4f641006c2289cbb3649a9d6947891f56609eac17a40962b440328b1502f380496d1d5d7100520c0a4c55ef274911550d3369685e0fe3609fee7d030e941d0b7e0167205153ac2f4a1a9708b92a91893eee68bdafe7cffe9959d0a2dee9610167487e8382a7d85da5f3268ccb165324dbbf2fe1a18642aaa30b4b11509993e0d3bc491014ece1846e00419fcd7a60ac18abf58934606b892dae814f80d2d4e34fa5d5434424f84ae9a8700bdcb411ec75fee183082e036fd48c626ca71b96b1904c00b65a0db76a59258e3c609052521d89f27c9a9ad060d9c058c2a446c6ad7602f5f4a1d8b6c55c67019a15781fc52017e78142284cb8547fef3395c049ac63b01d4604e9ee5666372828043da16e0b3f9d39fbcc640250560bddd11c0c9806a516151033b431f5a23845abd7ccb09bde3779c91ff1b865db12a4b7119c58208375c9188db164aaa325e9acd000a806e13588769572983b840895182aecd9da3f8bfcb837722fc80d7c6d5c23d4aae64c7a86e95876fcde7f3ddc8ce7c172e2e0318377d0cf0e7339ace356b5696becd0c72907546781006ba01faf72d7e4891b1d66acff5e9adeebbf3800df738949e9fba4f7da9c99225c49f8d2a5c54c41830ee140a861d4d77e41d68f396b81310ff9d76d49a2bd424196f11ec690e61ad237c229f42640fd272397b612d1ba6a1f8963965db4df7bc54e11146f2feaa9970f86ac1b28ec90c6565cea5eb63dd3237bf1b97d99ddac44dc649cf7b84f1e072f3075ed3d590a15b51b8e313eadfde42d56e41d5485f3a14b29c51f6188a01e8e7db53d7c0e0c4454464b0612b0e7044dff0d2c6bfd7a0d1cafcca80571577fc00ba893368")
        let out = try Zlib.decompress(z)
        #expect(out.count == 3000)
        #expect(Adler32.checksum(out) == 3129553768)
    }

    @Test func intoCallerBuffer() throws {
        let z = hexBytes("78da0bc94855282ccd4cce56482aca2fcf5348cbaf50c82acd2d2856c82f4b2d5228014ae72456552aa4e4a7eb29848c2a1e553caa98da8a0147a5431c")
        let (n, buf) = try inflateInto(z, capacity: fox.count)
        #expect(n == fox.count)
        #expect(buf == fox)
        let (n2, buf2) = try inflateInto(z, capacity: fox.count + 10)
        #expect(n2 == fox.count)
        #expect(Array(buf2[0..<n2]) == fox)
        #expect(throws: DeflateError.outputLimitExceeded(limit: fox.count - 1)) {
            _ = try inflateInto(z, capacity: fox.count - 1)
        }
    }

    @Test func storedRoundTrip() throws {
        var g = SplitMix64Bytes(seed: 1)
        for n in [0, 1, 100, 65535, 65536, 200_000] {
            let d = g.bytes(n)
            #expect(try Zlib.decompress(try Zlib.compress(d, level: 0)) == d)
        }
    }

    @Test func badHeaders() {
        #expect(throws: DeflateError.presetDictionaryUnsupported) { try Zlib.decompress(hexBytes("78bb00000000")) }
        #expect(throws: DeflateError.self) { try Zlib.decompress(hexBytes("789d030000000001")) }
        #expect(throws: DeflateError.truncated) { try Zlib.decompress(hexBytes("789c0300000000")) }
        #expect(throws: DeflateError.checksumMismatch(expected: 2, actual: 1)) { try Zlib.decompress(hexBytes("789c030000000002")) }
    }
}

/// `decompress(_:into:)`'s documented promise about the caller's bytes past the count.
@Suite struct CallerBufferTests {
    @Test func bytesPastCountPlusOverrunAreUntouched() throws {
        var g = SplitMix64Bytes(seed: 31)
        // Short matches at every distance class (1, 2-7, 8+), ending the stream on a match.
        var data = g.text(20_000)
        for d in [1, 2, 3, 5, 7, 8, 9, 31, 300] {
            let start = data.count - d
            for k in 0..<(3 + d % 5) { data.append(data[start + k % d]) }
        }
        for level in [1, 6, 9] {
            let z = try Zlib.compress(data, level: level)
            let sentinel: UInt8 = 0xEE
            var buffer = [UInt8](repeating: sentinel, count: data.count + 4096)
            let count = try buffer.withUnsafeMutableBytes { out in
                try z.withUnsafeBytes { try Zlib.decompress($0, into: out) }
            }
            #expect(count == data.count)
            #expect(Array(buffer[0..<count]) == data)
            #expect(buffer[(count + 37)...].allSatisfy { $0 == sentinel }, "level \(level)")
        }
    }
}
