#!/usr/bin/env node
/**
 * `npm start`: serves the task pane at https://localhost:3000 (webpack-dev-server, development build)
 * with the certificates of office-addin-dev-certs, and prints how to sideload it.
 * - The CA install needs administrator rights and fails on many Linux machines: then the generated
 *   certificates are still used (the browser warns until the CA is trusted).
 * - When no certificate can be had at all, it serves plain http (enough for file mode in a browser;
 *   Excel itself requires https).
 * Environment: PORT (default 3000).
 */
'use strict';
const fs = require('fs');
const path = require('path');
const webpack = require('webpack');
const WebpackDevServer = require('webpack-dev-server');

const port = Number(process.env.PORT || 3000);

async function certificates() {
  let certs;
  try {
    certs = require('office-addin-dev-certs');
  } catch (err) {
    console.warn(`未找到 office-addin-dev-certs（${err.message}），改用 http。`);
    return null;
  }
  try {
    const options = await certs.getHttpsServerOptions();
    return { options, trusted: true };
  } catch (err) {
    console.warn(`安装开发用根证书失败（${firstLine(err)}）。Linux 上通常需要管理员权限，可忽略：浏览器会提示证书不受信任。`);
  }
  try {
    // Where getHttpsServerOptions generated them (~/.office-addin-dev-certs) before the CA install failed.
    const paths = require('office-addin-dev-certs/lib/defaults');
    if (!certs.verifyCertificates(paths.localhostCertificatePath, paths.localhostKeyPath)) {
      fs.mkdirSync(path.dirname(paths.localhostCertificatePath), { recursive: true });
      await certs.generateCertificates(paths.caCertificatePath, paths.localhostCertificatePath, paths.localhostKeyPath);
    }
    return {
      options: {
        ca: fs.readFileSync(paths.caCertificatePath),
        cert: fs.readFileSync(paths.localhostCertificatePath),
        key: fs.readFileSync(paths.localhostKeyPath),
      },
      trusted: false,
    };
  } catch (err) {
    console.warn(`无法生成证书（${firstLine(err)}），改用 http。`);
    return null;
  }
}

function firstLine(err) {
  return String((err && err.message) || err).split('\n')[0];
}

async function main() {
  const certs = await certificates();
  const protocol = certs ? 'https' : 'http';
  const makeConfig = require(path.join(__dirname, '..', 'webpack.config.js'));
  const config = makeConfig({ PUBLIC_URL: `${protocol}://localhost:${port}/` }, { mode: 'development' });
  const compiler = webpack(config);
  const server = new WebpackDevServer(
    {
      ...config.devServer,
      port,
      host: 'localhost',
      server: certs ? { type: 'https', options: certs.options } : { type: 'http' },
      open: false,
    },
    compiler,
  );
  await server.start();
  const base = `${protocol}://localhost:${port}`;
  console.log(`
专升本推荐助手 已启动：${base}/taskpane.html
  · 在浏览器中直接打开上面的地址，即为“文件模式”（无需 Excel，可用示例数据 assets/sample/ 试用）。
  · 加载项清单：${base}/manifest.xml（在 build 中使用：npm run build，可用 PUBLIC_URL 指定正式地址）
${certs ? (certs.trusted ? '' : '  · 注意：开发用根证书未能安装为受信任证书，Excel 可能拒绝加载；请以管理员身份运行 npx office-addin-dev-certs install。\n') : '  · 注意：当前为 http，Excel 只接受 https 的加载项，仅可用于浏览器中的文件模式。\n'}
如何在 Excel 中加载（旁加载）：
  Excel 网页版：打开工作簿 →「插入」→「加载项」→「上传我的加载项」→ 选择本项目的 manifest.xml。
  Windows 桌面版：把 manifest.xml 放到一个共享文件夹，在 Excel「文件 → 选项 → 信任中心 → 信任中心设置
    → 受信任的加载项目录」中添加该共享文件夹的网络路径并勾选“显示在菜单中”，重启 Excel 后在
    「插入 → 我的加载项 → 共享文件夹」中选择“专升本推荐助手”。
  Mac 版：把 manifest.xml 复制到 ~/Library/Containers/com.microsoft.Excel/Data/Documents/wef/ 后重启 Excel。
按 Ctrl+C 停止。`);
  const stop = () => {
    server.stop().then(() => process.exit(0), (err) => {
      console.error(`停止服务器时出错：${firstLine(err)}`);
      process.exit(1);
    });
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((err) => {
  console.error(`启动失败：${err && err.stack ? err.stack : err}`);
  process.exit(1);
});
