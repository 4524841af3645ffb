package com.wuhou.ticketing.devstack.nacos;

import com.alibaba.nacos.NacosServerBasicApplication;
import com.alibaba.nacos.NacosServerWebApplication;
import com.alibaba.nacos.console.NacosConsole;
import com.alibaba.nacos.core.listener.startup.NacosStartUp;
import com.alibaba.nacos.core.listener.startup.NacosStartUpManager;
import com.alibaba.nacos.sys.env.DeploymentType;
import com.alibaba.nacos.sys.env.EnvUtil;
import java.nio.file.Path;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Nacos 3.1 standalone for the local devstack: the three Spring contexts the official {@code
 * NacosBootstrap} starts in "merged" mode (core, then server web and console as its children). The
 * local settings (auth off, console on 18080, embedded Derby) are in {@code application.properties}
 * of this module; everything Nacos writes goes under the home directory given as the argument.
 *
 * <p>Usage: {@code java --add-opens java.base/java.lang=ALL-UNNAMED --add-opens
 * java.base/java.util=ALL-UNNAMED -cp "target/classes:target/lib/*"
 * com.wuhou.ticketing.devstack.nacos.NacosStandalone HOME_DIR}
 */
public final class NacosStandalone {

    private NacosStandalone() {}

    public static void main(String[] args) {
        String home = args.length > 0 ? args[0] : System.getProperty("nacos.home", "nacos-home");
        Path homeDir = Path.of(home).toAbsolutePath();
        System.setProperty("nacos.home", homeDir.toString());
        // Nacos's logback config defaults to ~/nacos/logs; keep its logs inside the home as well.
        System.setProperty("nacos.logs.path", homeDir.resolve("logs").toString());
        System.setProperty("nacos.standalone", "true");
        System.setProperty("nacos.deployment.type", "merged");
        EnvUtil.setDeploymentType(DeploymentType.MERGED);

        NacosStartUpManager.start(NacosStartUp.CORE_START_UP_PHASE);
        ConfigurableApplicationContext core = new SpringApplicationBuilder(NacosServerBasicApplication.class)
                .web(WebApplicationType.NONE)
                .run(args);
        NacosStartUpManager.start(NacosStartUp.WEB_START_UP_PHASE);
        new SpringApplicationBuilder(NacosServerWebApplication.class)
                .parent(core)
                .run(args);
        NacosStartUpManager.start(NacosStartUp.CONSOLE_START_UP_PHASE);
        new SpringApplicationBuilder(NacosConsole.class).parent(core).run(args);
    }
}
