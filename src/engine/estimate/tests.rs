//! Tests of the estimator, through its one entry point and its helpers.

use super::*;
use crate::engine::syntax;

fn est(text: &str) -> Estimate {
    est_with(text, &Assumptions::default())
}

fn est_with(text: &str, a: &Assumptions) -> Estimate {
    let p = syntax::parse(text);
    let m = Model::build(&p);
    estimate(text, &p, &m, a)
}

#[test]
fn a_base_the_table_lacks_takes_a_stand_in_or_the_users_size() {
    let text = "FROM acme/liberica-openjdk-debian:21\nCOPY app.jar /app.jar\n";
    let temurin =
        sizes::lookup_base(&sizes::parse_image_ref("eclipse-temurin:21-jdk").unwrap()).unwrap();
    let e = est(text);
    let base = &e.layers[0];
    assert!(
        base.estimated && base.basis.contains("stand-in eclipse-temurin:21-jdk"),
        "{}",
        base.basis
    );
    assert_eq!(base.bytes, temurin.bytes);
    assert_eq!(e.defaults.base, vec![temurin.bytes]);
    // The size the user sets replaces the stand-in, exactly.
    let a = Assumptions {
        base_bytes: Some(180_000_000),
        ..Default::default()
    };
    let e = est_with(text, &a);
    let base = &e.layers[0];
    assert_eq!(
        (base.bytes, base.low, base.high),
        (180_000_000, 180_000_000, 180_000_000)
    );
    assert!(
        base.basis.contains("as set under Assumptions"),
        "{}",
        base.basis
    );
    assert!(e.defaults.base.is_empty() && !e.defaults.base_unknown);

    // A name that mentions nothing known: unknown until the user says.
    let text = "FROM registry.example.com/team/toolbox:7\nCOPY app /app\n";
    let e = est(text);
    assert!(!e.layers[0].estimated && e.defaults.base_unknown);
    let a = Assumptions {
        base_bytes: Some(5_000_000),
        ..Default::default()
    };
    let e = est_with(text, &a);
    assert!(e.layers[0].estimated && e.layers[0].bytes == 5_000_000);
    assert_eq!(e.unestimated, 0);

    // A builder's unknown base does not ship: the panel does not ask for it.
    let e = est("FROM registry.example.com/team/toolbox:7 AS b\nRUN make\nFROM alpine:3.20\nCOPY --from=b /out/app /app\n");
    assert!(e.defaults.base.is_empty() && !e.defaults.base_unknown);
}

/// The estimate with the base images and tables as of a date (`2023-04`).
fn est_as_of(text: &str, as_of: Option<&str>) -> Estimate {
    let a = Assumptions {
        as_of: as_of.map(str::to_string),
        ..Default::default()
    };
    est_with(text, &a)
}

#[test]
fn virtualenvs_and_lock_file_installs_are_sized() {
    let e = est(
        "FROM python:3.12-slim\nRUN python -m venv /venv\nRUN python -m venv --without-pip /v2\n",
    );
    assert_eq!(e.layers[1].bytes, 13_748_640, "{}", e.layers[1].basis);
    assert_eq!(e.layers[2].bytes, facts::VENV_WITHOUT_PIP.bytes);
    // A lock file's dependencies: the stated default once, then the project only. uv
    // writes no .pyc and its cache holds the indexes.
    let e = est("FROM python:3.12-slim\nRUN uv sync --frozen --no-install-project --compile-bytecode --no-cache\nRUN uv sync --frozen\n");
    assert_eq!(e.layers[1].bytes, facts::PIP_APP_DEPENDENCIES.bytes);
    assert!(
        e.layers[2].estimated && e.layers[2].bytes == 0,
        "{}",
        e.layers[2].basis
    );
    let p = est("FROM python:3.12\nRUN poetry install --no-root --compile\n");
    assert_eq!(p.layers[1].bytes, facts::PIP_APP_DEPENDENCIES.bytes);
    // Poetry 1.4 and later compile nothing unless asked; before, they did.
    let quiet = est("FROM python:3.12\nRUN poetry install --no-root\n");
    assert!(quiet.layers[1].basis.contains("without its .pyc"));
    assert!(quiet.layers[1].bytes < p.layers[1].bytes);
    let old = crate::engine::analyze(
        "FROM python:3.10\nRUN poetry install --no-root\n",
        &Assumptions {
            as_of: Some("2022-05".into()),
            ..Default::default()
        },
    );
    let old = &old.before.layers[1];
    assert!(!old.basis.contains("without its .pyc"), "{}", old.basis);
    // pip -r with the default dependencies: their wheels stay in pip's cache unless
    // --no-cache-dir.
    let r = est("FROM python:3.12\nRUN pip install -r requirements.txt\n");
    let (d, w) = (
        facts::PIP_APP_DEPENDENCIES,
        facts::PIP_APP_DEPENDENCIES_WHEELS,
    );
    assert_eq!(
        r.layers[1].bytes,
        d.bytes + w.bytes,
        "{}",
        r.layers[1].basis
    );
    let r = est("FROM python:3.12\nRUN pip install --no-cache-dir -r requirements.txt\n");
    assert_eq!(r.layers[1].bytes, d.bytes, "{}", r.layers[1].basis);
    // `pip install .`: the project with its dependencies, the same default.
    let r = est("FROM python:3.12\nCOPY . .\nRUN pip install --no-cache-dir -e .\n");
    assert_eq!(r.layers[2].bytes, d.bytes, "{}", r.layers[2].basis);
    assert!(r.layers[2].basis.contains("the project ."));
    // One word is enough to be a command; nothing here may panic.
    for t in ["uv", "poetry", "pipenv", "pdm", "uv pip", "python -m"] {
        est(&format!("FROM python:3.12\nRUN {t}\n"));
    }
}

#[test]
fn toolchain_archives_unpacked_by_tar_are_sized() {
    let text = concat!(
            "FROM debian:bookworm-slim AS build\n",
            "ENV NODE_VERSION=20.11.0\n",
            "RUN curl -fsSL https://nodejs.org/dist/v$NODE_VERSION/node-v$NODE_VERSION-linux-x64.tar.xz | tar -xJ -C /usr/local --strip-components=1\n",
            "RUN wget -q https://go.dev/dl/go1.22.4.linux-amd64.tar.gz && tar -C /usr/local -xzf go1.22.4.linux-amd64.tar.gz\n",
            "RUN curl -fsSLo /tmp/go.tgz https://go.dev/dl/go1.22.4.linux-amd64.tar.gz && tar -xzf /tmp/go.tgz -C /opt && rm /tmp/go.tgz\n",
            "RUN curl -O https://go.dev/dl/go1.22.4.linux-amd64.tar.gz\n",
            "RUN tar -xzf app.tar.gz\n",
            "FROM debian:bookworm-slim\n",
            "COPY --from=build /usr/local/go /usr/local/go\n",
        );
    let e = est(text);
    let a = Assumptions {
        target: Some("build".into()),
        ..Assumptions::default()
    };
    let b = crate::engine::analyze(text, &a).before;
    let node = sizes::dist::dist_of_url("https://x/node-v20.11.0-linux-x64.tar.xz").unwrap();
    let go = sizes::dist::dist_of_url("https://x/go1.22.4.linux-amd64.tar.gz").unwrap();
    let (n, _) = sizes::dist::unpacked(&node).unwrap();
    let (g, _) = sizes::dist::unpacked(&go).unwrap();
    let build = &b.layers;
    // Piped into tar: the release's files, nothing else.
    assert_eq!(build[2].bytes, n.bytes, "{}", build[2].basis);
    assert!(build[2].estimated && !build[2].partial);
    // Downloaded to a file that stays: the files and the archive (what they gzip to).
    let archive = g.bytes * facts::GZIP_PER_BYTE.bytes / 1000;
    assert_eq!(build[3].bytes, g.bytes + archive, "{}", build[3].basis);
    assert!(!build[3].partial && build[3].basis.contains("stays in the layer"));
    // Downloaded, unpacked and removed in one RUN.
    assert_eq!(build[4].bytes, g.bytes);
    assert!(!build[4].partial, "{}", build[4].basis);
    // The node images' trim of OpenSSL's other architectures' headers.
    let t = est(concat!(
            "FROM debian:bookworm-slim\n",
            "RUN curl -fsSLO https://nodejs.org/dist/v20.20.2/node-v20.20.2-linux-x64.tar.xz && tar -xJf node-v20.20.2-linux-x64.tar.xz -C /usr/local --strip-components=1 && rm node-v20.20.2-linux-x64.tar.xz && find /usr/local/include/node/openssl/archs -mindepth 1 -maxdepth 1 ! -name linux-x86_64 -exec rm -rf {} \\;\n",
        ));
    let (n20, _) = sizes::dist::unpacked(&node).unwrap();
    let trim = sizes::dist::trimmable(&node);
    assert!(trim > 40_000_000, "{trim}");
    assert_eq!(t.layers[1].bytes, n20.bytes - trim, "{}", t.layers[1].basis);
    // The downloaded Go builds what comes after: its release prices a hello world.
    let h = est(concat!(
        "FROM debian:bookworm-slim\n",
        "RUN curl -fsSL https://go.dev/dl/go1.15.15.linux-amd64.tar.gz | tar -C /usr/local -xz\n",
        "COPY hello.go .\n",
        "RUN go build -o /hello hello.go\n",
    ));
    let built = h.layers.last().unwrap();
    assert!(built.basis.contains("1.15"), "{}", built.basis);
    // Downloaded and never unpacked, and an archive of the build context: unknown.
    assert!(
        !build[5].estimated && !build[6].estimated,
        "{}",
        build[5].basis
    );
    // A later stage copying the unpacked tree gets its size.
    let last = e.layers.last().unwrap();
    assert_eq!(last.bytes, g.bytes, "{}", last.basis);
}

#[test]
fn nodesource_nodejs_is_the_official_build_not_the_distributions() {
    let (node20, _) = sizes::dist::newest_of_major("Node.js", Some(20)).unwrap();
    let e = est(concat!(
            "FROM debian:bookworm-slim\n",
            "RUN apt-get update && apt-get install -y curl && curl -fsSL https://deb.nodesource.com/setup_20.x | bash - && apt-get install -y nodejs && rm -rf /var/lib/apt/lists/*\n",
        ));
    let l = &e.layers[1];
    assert!(l.estimated && !l.partial, "{}", l.basis);
    assert!(l.basis.contains("NodeSource (Node.js 20)"), "{}", l.basis);
    // A proxy option's URL is not taken for the script's.
    let proxied = est(concat!(
            "FROM debian:bookworm-slim\n",
            "RUN apt-get update && apt-get install -y curl && curl -x http://proxy:3128 -fsSL https://deb.nodesource.com/setup_20.x | bash - && apt-get install -y nodejs && rm -rf /var/lib/apt/lists/*\n",
        ));
    assert_eq!(
        proxied.layers[1].bytes, l.bytes,
        "{}",
        proxied.layers[1].basis
    );
    // Not Debian's nodejs 18 and its libnode.
    assert!(!l.basis.contains("libnode"), "{}", l.basis);
    assert!(
        l.bytes > node20.bytes && l.bytes < node20.bytes + 40_000_000,
        "{}",
        l.bytes
    );
    // The setup alone, in a RUN of its own, leaves apt's lists; the install is Node's.
    let e = est(concat!(
        "FROM debian:bookworm-slim\n",
        "RUN curl -fsSL https://deb.nodesource.com/setup_lts.x | bash -\n",
        "RUN apt-get install -y nodejs\n",
    ));
    assert!(e.layers[1].basis.contains("gnupg"), "{}", e.layers[1].basis);
    assert!(e.layers[1].bytes > 19_000_000, "{}", e.layers[1].basis);
    assert!(
        e.layers[2].basis.contains("NodeSource (its LTS line)"),
        "{}",
        e.layers[2].basis
    );
    // Yarn's apt repository: `yarn` is Yarn 1, priced as its npm package.
    let e = est(concat!(
            "FROM node:20-bookworm\n",
            "RUN curl -sS https://dl.yarnpkg.com/debian/pubkey.gpg | apt-key add - && echo \"deb https://dl.yarnpkg.com/debian/ stable main\" > /etc/apt/sources.list.d/yarn.list\n",
            "RUN apt-get update && apt-get install -y --no-install-recommends yarn && rm -rf /var/lib/apt/lists/*\n",
        ));
    // Its key download and apt-key: a few KB, modelled.
    assert!(
        e.layers[1].estimated && !e.layers[1].partial,
        "{}",
        e.layers[1].basis
    );
    let l = &e.layers[2];
    assert!(l.basis.contains("Yarn 1's files"), "{}", l.basis);
    assert!(l.bytes > 4_000_000 && l.bytes < 10_000_000, "{}", l.basis);
}

#[test]
fn a_stage_that_only_names_uv_s_image_gives_its_binaries() {
    let e = est("FROM ghcr.io/astral-sh/uv:0.5 AS uv\nFROM python:3.12-slim\nCOPY --from=uv /uv /uvx /bin/\n");
    let l = e.layers.last().unwrap();
    assert!(l.estimated, "{}", l.basis);
    assert_eq!(l.bytes, facts::UV_BINARY.bytes + facts::UVX_BINARY.bytes);
    assert_eq!(
        python_minor_of("ghcr.io/astral-sh/uv:python3.13-bookworm-slim"),
        Some(13)
    );
}

#[test]
fn lock_installs_add_a_dev_group_to_the_range_unless_told_not_to() {
    let cmd = |t: &str| model::commands(t).into_iter().next().unwrap();
    let none = BTreeMap::new();
    for (line, dev) in [
        ("uv sync --frozen", true),
        ("uv sync --frozen --no-dev", false),
        ("uv sync --only-group prod", false),
        ("uv sync --no-group dev", false),
        ("uv sync --no-group=dev", false),
        ("poetry install --no-root", true),
        ("poetry install --only main", false),
        ("poetry install --only=main", false),
        ("poetry install --without dev", false),
        ("poetry install --no-dev", false),
        ("pdm install", true),
        ("pdm install --prod", false),
        ("pipenv install --deploy", false),
        ("pipenv install --dev", true),
        ("pip install -r requirements.txt", false),
    ] {
        assert_eq!(installs_dev_group(&cmd(line), &none), dev, "{line}");
    }
    let env = BTreeMap::from([("UV_NO_DEV".to_string(), "1".to_string())]);
    assert!(!installs_dev_group(&cmd("uv sync"), &env));
    // The point estimate stays the runtime starter's; the top of the range grows.
    let top = |run: &str| {
        let e = est(&format!(
            "FROM python:3.12-slim\nCOPY pyproject.toml poetry.lock ./\nRUN {run}\n"
        ));
        let l = e.layers.last().unwrap().clone();
        (l.bytes, l.high, l.basis)
    };
    let (with, with_high, basis) = top("poetry install --no-root");
    let (without, without_high, _) = top("poetry install --no-root --only main");
    assert_eq!(with, without);
    assert_eq!(
        with_high,
        without_high + facts::PY_DEV_GROUP.high,
        "{basis}"
    );
    assert!(basis.contains("dev group"), "{basis}");
}

#[test]
fn uv_and_poetry_installers_are_sized() {
    let e = est(concat!(
        "FROM python:3.12-slim\n",
        "RUN curl -LsSf https://astral.sh/uv/install.sh | sh\n",
        "RUN curl -sSL https://install.python-poetry.org | python3 -\n",
        "RUN curl -sSL https://example.com/install.sh | sh\n",
    ));
    let uv = &e.layers[1];
    assert!(uv.estimated && !uv.partial, "{}", uv.basis);
    assert_eq!(uv.bytes, facts::UV_BINARY.bytes + facts::UVX_BINARY.bytes);
    // Poetry: a venv with pip (CPython 3.12's) and Poetry's closure in it.
    let poetry = &e.layers[2];
    assert!(poetry.estimated && !poetry.partial, "{}", poetry.basis);
    assert!(poetry.basis.contains("3.12"), "{}", poetry.basis);
    assert!(poetry.bytes > 13_748_640 + 20_000_000, "{}", poetry.basis);
    // An installer Slimfile does not know stays unknown.
    assert!(!e.layers[3].estimated, "{}", e.layers[3].basis);
    // Only the shell the installer is piped into is taken; a later script is not.
    let e = est(concat!(
            "FROM python:3.12-slim\n",
            "RUN curl -LsSf https://astral.sh/uv/install.sh | sh && bash build.sh\n",
            "RUN curl -fsSL https://deb.nodesource.com/setup_12.x | bash - && apt-get install -y nodejs\n",
        ));
    assert!(e.layers[1].partial, "{}", e.layers[1].basis);
    // A NodeSource major the release table lacks keeps the distribution's price.
    assert!(
        e.layers[2].basis.contains("the release table lacks"),
        "{}",
        e.layers[2].basis
    );
    assert!(e.layers[2].bytes > 30_000_000, "{}", e.layers[2].basis);
}

#[test]
fn nvm_installs_a_node_release_and_keeps_its_archive() {
    let (n18, _) = sizes::dist::newest_of_major("Node.js", Some(18)).unwrap();
    let e = est(concat!(
        "FROM debian:bookworm-slim\n",
        "ENV NVM_DIR=/root/.nvm\n",
        "RUN curl -o- https://raw.githubusercontent.com/nvm-sh/nvm/v0.39.7/install.sh | bash\n",
        "RUN . $NVM_DIR/nvm.sh && nvm install 18 && nvm alias default 18 && nvm use default\n",
        "RUN . $NVM_DIR/nvm.sh && nvm install 18 && nvm cache clear\n",
        "RUN . $NVM_DIR/nvm.sh && nvm install 18 && rm -rf \"$NVM_DIR/.cache\"\n",
    ));
    // nvm's own checkout: not known.
    assert!(!e.layers[2].estimated, "{}", e.layers[2].basis);
    let l = &e.layers[3];
    assert!(l.estimated && !l.partial, "{}", l.basis);
    let archive = n18.bytes * facts::XZ_TOOLCHAIN_PER_BYTE.bytes / 1000;
    assert_eq!(l.bytes, n18.bytes + archive, "{}", l.basis);
    assert_eq!(e.layers[4].bytes, n18.bytes, "{}", e.layers[4].basis);
    assert_eq!(e.layers[5].bytes, n18.bytes, "{}", e.layers[5].basis);
    // A major the table lacks takes the nearest release, with a range; a code name its
    // major; no version the range over all.
    let twelve = est("FROM debian\nRUN nvm install 12\n");
    assert!(
        twelve.layers[1].bytes > 50_000_000,
        "{}",
        twelve.layers[1].basis
    );
    let gallium = est("FROM debian\nRUN nvm install lts/gallium && nvm cache clear\n");
    let (n16, _) = sizes::dist::newest_of_major("Node.js", Some(16)).unwrap();
    assert_eq!(
        gallium.layers[1].bytes, n16.bytes,
        "{}",
        gallium.layers[1].basis
    );
    let none = est("FROM debian\nRUN nvm install && nvm cache clear\n");
    assert!(
        none.layers[1].low < none.layers[1].bytes,
        "{}",
        none.layers[1].basis
    );
    for t in [
        "nvm install",
        "nvm install --lts",
        "nvm install v99.1.1",
        "nvm install lts/iron",
        "nvm",
        "nvm install --lts=",
        "nvm install $V",
    ] {
        est(&format!("FROM debian\nRUN {t}\n"));
    }
}

#[test]
fn todays_command_readers_take_truncated_input_without_panicking() {
    // Each reader indexes words after its program: cut short, they must give up.
    for t in [
        "apt-mark",
        "apt-mark auto",
        "apt-mark manual",
        "xargs apt-mark",
        "xargs",
        "apt-mark auto '.*' && apt-get purge --auto-remove",
        "java -Djarmode=tools",
        "java -Djarmode=layertools -jar",
        "java -Djarmode=layertools -jar app.jar",
        "java -Djarmode=tools -jar app.jar extract --destination",
        "bootsnap precompile",
        "bundle exec bootsnap precompile --gemfile --cache-dir",
        "gem install",
        "gem install -v",
        "gem install ''",
        "gem install :",
        "locale-gen",
        "locale-gen ''",
        "localedef -i",
        "dpkg-reconfigure locales",
        "wget https://www.python.org/ftp/python/ && make install && rm -rf Python-",
        "chown -R",
    ] {
        for base in ["debian:bookworm-slim", "ruby:3.3", "alpine", "scratch"] {
            let e = est(&format!("FROM {base}\nWORKDIR /app\nCOPY . .\nRUN {t}\n"));
            assert!(!e.layers.is_empty(), "{t}");
        }
        crate::engine::analyze(
            &format!("FROM debian\nCOPY a /a\nRUN {t}\n"),
            &Default::default(),
        );
    }
}

#[test]
fn packages_removed_in_the_same_run_with_auto_remove_are_not_counted() {
    let only_libpq = est("FROM debian:bookworm-slim\nRUN apt-get update && apt-get install -y --no-install-recommends libpq-dev && rm -rf /var/lib/apt/lists/*\n");
    let purged = est("FROM debian:bookworm-slim\nRUN apt-get update && apt-get install -y --no-install-recommends gcc libpq-dev && apt-get purge -y --auto-remove gcc && rm -rf /var/lib/apt/lists/*\n");
    let with_gcc = est("FROM debian:bookworm-slim\nRUN apt-get update && apt-get install -y --no-install-recommends gcc libpq-dev && rm -rf /var/lib/apt/lists/*\n");
    let l = &purged.layers[1];
    assert!(l.basis.contains("--auto-remove"), "{}", l.basis);
    // What stays is libpq-dev's install; gcc's toolchain goes, leaving only the log
    // lines of its install and removal.
    let logs_only = l.bytes - only_libpq.layers[1].bytes;
    assert!(logs_only > 0 && logs_only < 100_000, "{}", l.basis);
    assert!(l.basis.contains(" removed in this stage"), "{}", l.basis);
    assert!(with_gcc.layers[1].bytes > l.bytes + 50_000_000);
    // `apt-get autoremove` after a plain remove does the same.
    let later = est("FROM debian:bookworm-slim\nRUN apt-get update && apt-get install -y --no-install-recommends gcc libpq-dev && apt-get remove -y gcc && apt-get autoremove -y && rm -rf /var/lib/apt/lists/*\n");
    assert_eq!(later.layers[1].bytes, l.bytes);
    // Without it the dependencies stay: counted whole, and said so.
    let plain = est("FROM debian:bookworm-slim\nRUN apt-get update && apt-get install -y --no-install-recommends gcc libpq-dev && apt-get remove -y gcc && rm -rf /var/lib/apt/lists/*\n");
    // …but for the log lines of curl's removal.
    assert_eq!(
        plain.layers[1].bytes,
        with_gcc.layers[1].bytes + facts::APT_LOG_PER_REMOVED.bytes
    );
    assert!(
        plain.layers[1].basis.contains("upper bound"),
        "{}",
        plain.layers[1].basis
    );
    // A purge undoes the installs before it, not one after.
    let after = est("FROM debian:bookworm-slim\nRUN apt-get update && apt-get purge -y --auto-remove gcc && apt-get install -y --no-install-recommends gcc libpq-dev && rm -rf /var/lib/apt/lists/*\n");
    assert_eq!(
        after.layers[1].bytes, with_gcc.layers[1].bytes,
        "{}",
        after.layers[1].basis
    );
    // Everything removed again: dpkg still ran.
    let all = est("FROM debian:bookworm-slim\nRUN apt-get update && apt-get install -y curl && apt-get purge -y --auto-remove curl && rm -rf /var/lib/apt/lists/*\n");
    assert!(
        all.layers[1].bytes > 0 && all.layers[1].bytes < 5_000_000,
        "{}",
        all.layers[1].basis
    );
}

#[test]
fn uv_compiles_no_bytecode_and_its_cache_hard_links_the_files() {
    let run = |r: &str| {
        let e = est(&format!("FROM python:3.12-slim\nRUN {r}\n"));
        e.layers[1].clone()
    };
    let pip = run("pip install --no-cache-dir boto3");
    let uv = run("uv pip install --system --no-cache boto3");
    let compiled = run("uv pip install --system --no-cache --compile-bytecode boto3");
    // Without --compile-bytecode uv writes no .pyc: the files alone.
    assert!(uv.basis.contains("no .pyc"), "{}", uv.basis);
    assert!(uv.bytes < pip.bytes, "{} vs {}", uv.bytes, pip.bytes);
    assert_eq!(compiled.bytes, pip.bytes, "{}", compiled.basis);
    let env = est("FROM python:3.12-slim\nENV UV_COMPILE_BYTECODE=1\nRUN uv pip install --system --no-cache boto3\n");
    assert_eq!(env.layers[2].bytes, pip.bytes);
    // Its cache holds the indexes, not a second copy of the packages.
    let cached = run("uv pip install --system boto3");
    let extra = cached.bytes - uv.bytes;
    assert_eq!(
        extra,
        7 * facts::UV_CACHE_PER_PACKAGE.bytes,
        "{}",
        cached.basis
    );
    assert_eq!(
        run("uv pip install --system boto3 && uv cache clean").bytes,
        uv.bytes
    );
    // An rm of the folder the cache is in, not of another.
    let rm = |r: &str| run(&format!("uv pip install --system boto3 && rm -rf {r}")).bytes;
    assert_eq!(rm("/root/.cache"), uv.bytes);
    let elsewhere = "UV_CACHE_DIR=/tmp/uv uv pip install --system boto3 && rm -rf";
    assert_eq!(
        run(&format!("{elsewhere} /root/.cache")).bytes,
        cached.bytes
    );
    assert_eq!(run(&format!("{elsewhere} /tmp/uv")).bytes, uv.bytes);
    // A requirements file uv installs: the default's files without the .pyc its
    // starter was measured with, and uv's cache of the starter's packages.
    let req = |r: &str| {
        est(&format!(
            "FROM python:3.12-slim\nCOPY requirements.txt .\nRUN {r}\n"
        ))
        .layers[2]
            .clone()
    };
    let by_pip = req("pip install --no-cache-dir -r requirements.txt");
    let by_uv = req("uv pip install --system --no-cache -r requirements.txt");
    assert!(
        by_uv
            .basis
            .starts_with("uv pip install -r requirements.txt"),
        "{}",
        by_uv.basis
    );
    assert!(by_uv.basis.contains("without its .pyc"), "{}", by_uv.basis);
    assert!(by_uv.bytes < by_pip.bytes * 9 / 10 && by_uv.bytes > by_pip.bytes / 2);
    let cached = req("uv pip install --system -r requirements.txt");
    assert!(
        cached
            .basis
            .contains("uv's cache keeps the package indexes"),
        "{}",
        cached.basis
    );
    assert!(!cached.basis.contains("pip cache"), "{}", cached.basis);
    // pip keeps the wheels; `--no-compile` skips its .pyc.
    let pip_cached = run("pip install boto3");
    assert!(pip_cached.basis.contains("pip cache keeps the wheels"));
    assert_eq!(
        run("pip install --no-cache-dir --no-compile boto3").bytes,
        uv.bytes
    );
}

#[test]
fn apt_logs_grow_with_every_step_of_the_stage() {
    let says = |l: &Layer, text: &str| assert!(l.basis.contains(text), "{}", l.basis);
    // dpkg's and apt's logs are appended to, and each step's layer holds them whole:
    // the second install's layer carries the first's lines too.
    let two = est("FROM debian:bookworm-slim\nRUN apt-get update && apt-get install -y --no-install-recommends jq && rm -rf /var/lib/apt/lists/*\nRUN apt-get update && apt-get install -y --no-install-recommends less && rm -rf /var/lib/apt/lists/*\n");
    let alone = est("FROM debian:bookworm-slim\nRUN apt-get update && apt-get install -y --no-install-recommends less && rm -rf /var/lib/apt/lists/*\n");
    says(&two.layers[1], "(3 package(s) unpacked in this stage");
    says(&two.layers[2], "(4 package(s) unpacked in this stage");
    says(&alone.layers[1], "(1 package(s) unpacked in this stage");
    // less brings no library: no linker cache; jq does.
    assert!(!alone.layers[1].basis.contains("linker cache"));
    assert!(two.layers[1].basis.contains("linker cache"));
    // The extra is the three earlier packages' log lines, and only that: status grows
    // by the packages present too.
    let extra = two.layers[2].bytes - alone.layers[1].bytes;
    let status = 2 * 3 * facts::APT_STATUS_PER_PACKAGE.bytes;
    assert_eq!(extra, 3 * facts::APT_LOG_PER_UNPACKED.bytes + status);
    // A later stage built FROM this one goes on from its count.
    let staged = est("FROM debian:bookworm-slim AS a\nRUN apt-get update && apt-get install -y --no-install-recommends jq && rm -rf /var/lib/apt/lists/*\nFROM a\nRUN apt-get update && apt-get install -y --no-install-recommends less && rm -rf /var/lib/apt/lists/*\n");
    says(staged.layers.last().unwrap(), "(4 package(s) unpacked");
    // Packages installed and purged again in the same RUN: their removal is logged too.
    let purged = est("FROM debian:bookworm-slim\nRUN apt-get update && apt-get install -y --no-install-recommends jq && apt-get purge -y --auto-remove jq && rm -rf /var/lib/apt/lists/*\n");
    says(&purged.layers[1], "3 package(s) unpacked, 3 removed");
    // A plain remove logs the named package; a later RUN that only purges still runs
    // dpkg, which rewrites its status file and logs.
    let later = est("FROM debian:bookworm-slim\nRUN apt-get update && apt-get install -y --no-install-recommends jq less && apt-get remove -y less && rm -rf /var/lib/apt/lists/*\nRUN apt-get purge -y jq\n");
    says(&later.layers[1], "4 package(s) unpacked, 1 removed");
    says(&later.layers[2], "4 package(s) unpacked, 2 removed");
    assert!(later.layers[2].bytes > 100_000 && later.layers[2].bytes < 300_000);
}

#[test]
fn the_saved_mark_pattern_keeps_only_what_the_build_links() {
    // docker-library's pattern: every package this RUN installed is marked auto, the
    // packages of the libraries the built programs link are marked manual again, and
    // the purge removes the rest.
    let run = |ldd: &str| {
        est(&format!("FROM debian:bookworm-slim\nRUN set -eux; savedAptMark=\"$(apt-mark showmanual)\"; apt-get update; apt-get install -y --no-install-recommends gcc libc6-dev libsqlite3-dev libssl-dev; gcc -o /usr/local/bin/m m.c -lsqlite3; apt-mark auto '.*' > /dev/null; apt-mark manual $savedAptMark > /dev/null; {ldd} apt-get purge -y --auto-remove -o APT::AutoRemove::RecommendsImportant=false; rm -rf /var/lib/apt/lists/*\n"))
    };
    let linked = run("find /usr/local -type f -executable -exec ldd '{}' ';' | awk '/=>/ { print $(NF-1) }' | sort -u | xargs -r dpkg-query --search | cut -d: -f1 | sort -u | xargs -r apt-mark manual;");
    let l = &linked.layers[1];
    assert!(!l.partial, "{}", l.basis);
    assert!(l.basis.contains("libssl3 libsqlite3-0"), "{}", l.basis);
    // What stays is the two libraries' install, not gcc's toolchain.
    let libs = est("FROM debian:bookworm-slim\nRUN apt-get update && apt-get install -y --no-install-recommends libssl3 libsqlite3-0 && rm -rf /var/lib/apt/lists/*\n");
    let diff = l.bytes.abs_diff(libs.layers[1].bytes);
    assert!(diff < 100_000, "{} vs {}", l.bytes, libs.layers[1].bytes);
    // Without the ldd step nothing it installed stays but dpkg's records.
    let none = run("");
    assert!(none.layers[1].bytes < 500_000, "{}", none.layers[1].basis);
    assert!(!none.layers[1].basis.contains("new package"));
    // Packages named to `apt-mark manual` stay.
    let named = est("FROM debian:bookworm-slim\nRUN apt-get update; apt-get install -y --no-install-recommends gcc curl; apt-mark auto '.*'; apt-mark manual curl; apt-get purge -y --auto-remove; rm -rf /var/lib/apt/lists/*\n");
    let curl = est("FROM debian:bookworm-slim\nRUN apt-get update; apt-get install -y --no-install-recommends curl; rm -rf /var/lib/apt/lists/*\n");
    let logs_only = named.layers[1].bytes - curl.layers[1].bytes;
    assert!(logs_only < 100_000, "{}", named.layers[1].basis);
    // A mark with no purge after it removes nothing.
    let kept = est("FROM debian:bookworm-slim\nRUN apt-get update; apt-get install -y --no-install-recommends gcc; apt-mark auto '.*'; rm -rf /var/lib/apt/lists/*\n");
    assert!(kept.layers[1].bytes > 50_000_000);
    // nginx's spelling of the mark.
    let piped = est("FROM debian:bookworm-slim\nRUN apt-get update; apt-get install -y --no-install-recommends gcc; apt-mark showmanual | xargs apt-mark auto > /dev/null; apt-get purge -y --auto-remove; rm -rf /var/lib/apt/lists/*\n");
    assert!(piped.layers[1].bytes < 500_000, "{}", piped.layers[1].basis);
    // Nor does a purge before the mark.
    let early = est("FROM debian:bookworm-slim\nRUN apt-get update; apt-get install -y --no-install-recommends gcc; apt-get purge -y --auto-remove; apt-mark auto '.*'; rm -rf /var/lib/apt/lists/*\n");
    assert_eq!(early.layers[1].bytes, kept.layers[1].bytes);
}

#[test]
fn upx_and_strip_rewrite_the_binary_in_place() {
    let plain = est("FROM golang:1.22-alpine AS b\nWORKDIR /src\nCOPY . .\nRUN CGO_ENABLED=0 go build -ldflags='-s -w' -o /app .\nFROM scratch\nCOPY --from=b /app /app\n");
    let packed = est("FROM golang:1.22-alpine AS b\nWORKDIR /src\nCOPY . .\nRUN CGO_ENABLED=0 go build -ldflags='-s -w' -o /app . && upx --best --lzma /app\nFROM scratch\nCOPY --from=b /app /app\n");
    let (p, q) = (plain.layers.last().unwrap(), packed.layers.last().unwrap());
    assert_eq!(
        q.bytes,
        p.bytes * facts::UPX_LZMA_PER_BYTE.bytes / 1000,
        "{}",
        q.basis
    );
    assert!(q.basis.contains("packed with upx"), "{}", q.basis);
    // In the RUN that built it, strip replaces the binary: the layer holds one copy.
    let one = est("FROM rust:1.80\nWORKDIR /app\nCOPY . .\nRUN cargo build --release\n");
    let both = est("FROM rust:1.80\nWORKDIR /app\nCOPY . .\nRUN cargo build --release && strip target/release/app\n");
    assert!(
        both.layers[3].bytes <= one.layers[3].bytes,
        "{}",
        both.layers[3].basis
    );
    // In a later RUN, the packed copy is a second one.
    let later = est("FROM rust:1.80\nWORKDIR /app\nCOPY . .\nRUN cargo build --release\nRUN upx target/release/app\n");
    assert!(
        later.layers[4].bytes > 0 && later.layers[4].estimated,
        "{}",
        later.layers[4].basis
    );
    // The dummy-build pattern: the real build's binary, stripped in its RUN, once.
    let dummy = concat!(
        "FROM rust:1.80\nWORKDIR /app\nCOPY Cargo.toml Cargo.lock ./\n",
        "RUN mkdir src && echo 'fn main(){}' > src/main.rs && cargo build --release\n",
        "COPY src ./src\n",
    );
    let a = est(&format!("{dummy}RUN cargo build --release\n"));
    let b = est(&format!(
        "{dummy}RUN cargo build --release && strip target/release/app\n"
    ));
    assert!(b.layers.last().unwrap().bytes <= a.layers.last().unwrap().bytes);
    // upx -t only tests; -o writes a packed copy beside the original.
    let t = est("FROM golang:1.22-alpine AS b\nWORKDIR /src\nCOPY . .\nRUN CGO_ENABLED=0 go build -ldflags='-s -w' -o /app . && upx -t /app\nFROM scratch\nCOPY --from=b /app /app\n");
    assert_eq!(
        t.layers.last().unwrap().bytes,
        plain.layers.last().unwrap().bytes
    );
    let o = est("FROM golang:1.22-alpine AS b\nWORKDIR /src\nCOPY . .\nRUN CGO_ENABLED=0 go build -ldflags='-s -w' -o /app . && upx --lzma -o /app.upx /app\nFROM scratch\nCOPY --from=b /app /app\n");
    assert_eq!(
        o.layers.last().unwrap().bytes,
        plain.layers.last().unwrap().bytes,
        "{}",
        o.layers.last().unwrap().basis
    );
}

#[test]
fn odd_words_in_the_new_steps_never_panic() {
    for line in [
            "RUN go install @",
            "RUN go get .x/v",
            "RUN go get x.y/v",
            "RUN go install a.b/ü/v9@",
            "RUN npm prune --omit=dev",
            "RUN corepack prepare",
            "RUN corepack",
            "RUN make install",
            "RUN bundle install && rm -rf",
            "RUN composer install",
            "RUN apk update && apk add --no-cache",
            "COPY --from=::: / /",
            "COPY --from=composer@ /usr/bin/composer /c",
            "COPY ./node_modules/ /",
            "RUN pip install -e / -r",
            "RUN apk add php php- php8 -dev openjdk openjdk17- postgresql py3- nodejs npm @",
            "RUN apk add nodejs && apk add npm && apk del nodejs",
            "RUN ./mvnw && ./gradlew && mvn && dotnet restore",
            "RUN --mount=type=cache,target= mvn package",
            "RUN strip",
            "RUN strip -s -- $BIN ../../.. /",
            "RUN go build -mod=vendor && strip ./",
            "COPY Cargo.lock go.mod /\nRUN cargo build --release && strip target/release/*",
            "COPY go.sum /\nRUN GO111MODULE=off go build && go mod download && go build",
            "CMD node\nENTRYPOINT [\"node\", \".js\"",
            // This session's paths: mounts, cp/mv, jars, globs, clones, parts of a context.
            "RUN --mount=,,=,type= --mount=type=bind,source= --mount=source=/ cp",
            "RUN go build -o a && cp a && cp -- a $X && mv a / && cp a b c/",
            "COPY *.jar\nCOPY ${JAR_FILE} .jar\nCOPY * \nCOPY Gemfile** ./",
            "RUN git clone && go build && cmake && meson setup && make && cp",
            "COPY . /a\nFROM alpine AS b\nCOPY --from=0 /a/ / \nCOPY --from=0 /a/x/.next/ /",
            "RUN composer install && COMPOSER_HOME= composer require && composer cc",
            "RUN uv sync && g++ -static x.cc -o && c++",
            "FROM debian:12.\nFROM debian:stable-\nFROM debian:99-slim\nFROM debian:oldoldoldstable\nFROM registry.docker.com/\nFROM mirror.gcr.io/library/:",
        ] {
            est(&format!("FROM alpine:3.19\n{line}\n"));
            est(&format!("FROM node:20\nENV GOPATH= NODE_ENV=\n{line}\n"));
        }
    assert!(facts::apk_index_cache(Some("edge")).bytes > 0);
}

#[test]
fn package_lists_in_args_and_bundlers_path_are_followed() {
    // apk add $PACKAGES reads the ARG; the shell's own variables stay.
    let e =
        est("FROM alpine:3.20\nARG PACKAGES=\"nodejs bash\"\nRUN apk add --no-cache $PACKAGES\n");
    let l = e.layers.last().unwrap();
    assert!(l.basis.contains("nodejs"), "{}", l.basis);
    assert!(l.bytes > 40_000_000, "{}", l.basis);
    let vars: BTreeMap<String, String> = [("A".to_string(), "x y".to_string())].into();
    assert_eq!(
        model::expand_known("a $A ${A} $B ${B:-z} $", &vars),
        "a x y x y $B ${B:-z} $"
    );
    // Poetry's virtualenv under a cache dir the same RUN deletes: nothing stays.
    let p = est("FROM python:3.12-slim\nRUN pip install --no-cache poetry\nCOPY pyproject.toml poetry.lock ./\n\
             RUN POETRY_CACHE_DIR=/tmp/pc poetry install; rm -r /tmp/pc\n");
    let l = p.layers.last().unwrap();
    assert_eq!(l.bytes, 0, "{}", l.basis);
    assert!(
        !p.layers[1].basis.contains("pip cache"),
        "{}",
        p.layers[1].basis
    );
    let kept = est(
        "FROM python:3.12-slim\nENV POETRY_VIRTUALENVS_IN_PROJECT=true\n\
             RUN POETRY_CACHE_DIR=/tmp/pc poetry install; rm -r /tmp/pc\n",
    );
    assert!(kept.layers.last().unwrap().bytes > 0);
    // A Next.js app (it copies .next) takes create-next-app's dependencies by default.
    let next = est("FROM node:20-alpine AS b\nWORKDIR /app\nCOPY package*.json ./\nRUN npm ci\nCOPY . .\nRUN npm run build\n\
             FROM node:20-alpine\nWORKDIR /app\nCOPY --from=b /app/node_modules ./node_modules\nCOPY --from=b /app/.next ./.next\n");
    let nm = &next.layers[next.layers.len() - 2];
    assert_eq!(nm.bytes, facts::NPM_NEXT_APP_WITH_DEV.bytes, "{}", nm.basis);
    // `pip install --user` goes to PYTHONUSERBASE; an activated virtualenv takes Poetry's
    // install and is copied whole.
    let user = est("FROM python:3.12-alpine AS b\nENV PYTHONUSERBASE=/install\nRUN pip install --user -r requirements.txt\n\
             FROM python:3.12-alpine\nCOPY --from=b /install /install\n");
    assert!(user.layers.last().unwrap().estimated);
    let venv = est(
        "FROM python:3.12-slim AS b\nRUN python -m venv /opt/venv; . /opt/venv/bin/activate; \
             POETRY_CACHE_DIR=/tmp/pc poetry install; rm -r /tmp/pc\n\
             FROM python:3.12-slim\nCOPY --from=b /opt/venv /opt/venv\n",
    );
    let l = venv.layers.last().unwrap();
    assert!(l.estimated, "{}", l.basis);
    assert!(l.bytes > facts::PIP_APP_DEPENDENCIES.bytes, "{}", l.basis);
    // A Dockerfile that names Django or Flask takes that starter's measured dependencies.
    for (cmd, d) in [
        (
            "[\"python\", \"manage.py\", \"runserver\"]",
            facts::PIP_DJANGO_APP.0,
        ),
        ("[\"flask\", \"run\"]", facts::PIP_FLASK_APP.0),
    ] {
        let e = est(&format!("FROM python:3.12-slim\nCOPY requirements.txt .\nRUN pip install --no-cache-dir -r requirements.txt\nCMD {cmd}\n"));
        assert_eq!(e.layers[2].bytes, d.bytes, "{}", e.layers[2].basis);
    }
    // Bare `yarn` with flags installs.
    let y = est("FROM node:20\nWORKDIR /app\nRUN yarn --frozen-lockfile --production\n");
    let l = y.layers.last().unwrap();
    assert!(l.basis.contains("without devDependencies"), "{}", l.basis);
    // Gems installed to vendor/bundle are copied with the app.
    let e = est(
        "FROM ruby:3.2-alpine AS b\nWORKDIR /app\nCOPY Gemfile* ./\n\
             RUN bundle config set --local path vendor/bundle && bundle install\nCOPY . .\n\
             FROM ruby:3.2-alpine\nCOPY --from=b /app /app\n",
    );
    let l = e.layers.last().unwrap();
    assert!(l.basis.contains("vendor/bundle"), "{}", l.basis);
    assert!(l.bytes >= facts::RUBY_APP_GEMS.bytes, "{}", l.basis);
}

#[test]
fn yarn_caches_the_whole_lock_file_as_measured_for_the_survey() {
    let run = |text: &str, as_of: Option<&str>| {
        let l = est_as_of(text, as_of).layers.last().unwrap().clone();
        (l.bytes, l.basis)
    };
    let app = "FROM node:20\nWORKDIR /app\nCOPY package.json yarn.lock ./\nRUN yarn install";
    let (dev, basis) = run(&format!("{app}\n"), None);
    let y = facts::YARN_CACHE_APP.bytes;
    assert_eq!(
        dev,
        facts::NPM_APP_DEPENDENCIES_WITH_DEV.bytes + y,
        "{basis}"
    );
    assert!(basis.contains("yarn 1.22.22"), "{basis}");
    // --production leaves the devDependencies out of node_modules, not out of the cache.
    let (prod, _) = run(&format!("{app} --production\n"), None);
    assert_eq!(prod, facts::NPM_APP_DEPENDENCIES.bytes + y);
    let (cleaned, _) = run(&format!("{app} && yarn cache clean\n"), None);
    assert_eq!(cleaned, facts::NPM_APP_DEPENDENCIES_WITH_DEV.bytes);
    // The surveyed apps ask for no TypeScript 7: an earlier date takes nothing off.
    let (then, _) = run(&format!("{app}\n"), Some("2024-06"));
    assert_eq!(then, dev);
    // A plain Node server and a front end take their kind's.
    let server = app.replacen(
        "FROM node:20\n",
        "FROM node:20\nCMD [\"node\", \"app.js\"]\n",
        1,
    );
    let (b, basis) = run(&format!("{server}\n"), None);
    let want = facts::NPM_SERVER_APP.bytes + facts::YARN_CACHE_SERVER_APP.bytes;
    assert_eq!(b, want, "{basis}");
    let front = est(&format!("{app}\nRUN yarn vite build\n"));
    let want = facts::NPM_FRONTEND_APP_WITH_DEV.bytes + facts::YARN_CACHE_FRONTEND_APP.bytes;
    assert_eq!(front.layers[3].bytes, want, "{}", front.layers[3].basis);
    // Yarn 4 (corepack): a zip of each package for this platform.
    let berry = app.replacen(
        "RUN yarn install",
        "RUN corepack enable && yarn install --immutable",
        1,
    );
    let (b, basis) = run(&format!("{berry}\n"), None);
    let d = facts::NPM_APP_DEPENDENCIES_WITH_DEV;
    let want = d.bytes + d.bytes * facts::YARN_BERRY_CACHE_PER_INSTALLED.bytes / 1000;
    assert_eq!(b, want, "{basis}");
    // A Next.js app: both libc builds of its native packages, and their caches.
    let (b, basis) = run(
        "FROM node:20\nCOPY next.config.js package.json ./\nRUN yarn install\n",
        None,
    );
    let want = facts::YARN_NEXT_APP_WITH_DEV.bytes + facts::YARN_CACHE_NEXT_APP.bytes;
    assert_eq!(b, want, "{basis}");
    // Before TypeScript 7 there were no per-platform TypeScript builds to cache.
    let (then, _) = run(
        "FROM node:20\nCOPY next.config.js package.json ./\nRUN yarn install\n",
        Some("2024-06"),
    );
    assert_eq!(b - then, facts::YARN_CACHE_TS7_PLATFORMS);
    // A prune takes out what yarn's own tree adds with the devDependencies.
    let (b, basis) = run("FROM node:20\nCOPY next.config.js package.json ./\nRUN yarn install && npm prune --omit=dev\n", None);
    let want = facts::YARN_NEXT_APP.bytes + facts::YARN_CACHE_NEXT_APP.bytes;
    assert_eq!(b, want, "{basis}");
    // Yarn 2+ reads the libc field: npm's tree, and its own cache.
    let (b, basis) = run("FROM node:20\nCOPY next.config.js package.json ./\nRUN corepack enable && yarn install --immutable\n", None);
    let d = facts::NPM_NEXT_APP_WITH_DEV.bytes;
    let want = d + d * facts::YARN_BERRY_CACHE_PER_INSTALLED.bytes / 1000;
    assert_eq!(b, want, "{basis}");
}

#[test]
fn build_outputs_are_found_where_the_tools_put_them() {
    // `go build` without -o: named after the file, the package path, or (for the
    // directory's own package) something the Dockerfile doesn't say.
    for (line, name) in [
        ("go build hello.go", "hello"),
        ("go build -ldflags '-s -w' ./cmd/server", "server"),
        ("go build", "*"),
        ("go build -v .", "*"),
    ] {
        assert_eq!(go_build_name(&model::commands(line)[0]), name, "{line}");
    }
    let go = est("FROM golang:1.22 AS b\nWORKDIR /src\nCOPY . .\nRUN go build\n\
             FROM scratch\nCOPY --from=b /etc/passwd /etc/passwd\nCOPY --from=b /src/server /server\n");
    let n = go.layers.len();
    assert_eq!(
        go.layers[n - 1].bytes,
        facts::GO_STARTER_BINARY.bytes,
        "{}",
        go.layers[n - 1].basis
    );
    assert_eq!(go.layers[n - 2].bytes, facts::ACCOUNT_FILE.bytes);
    // An image that presets Cargo's target puts the release under target/<triple>/.
    let rust = est("FROM ekidd/rust-musl-builder AS b\nWORKDIR /app\nCOPY . .\nRUN cargo build --release\n\
             FROM scratch\nCOPY --from=b /app/target/x86_64-unknown-linux-musl/release/hello /hello\n");
    let l = rust.layers.last().unwrap();
    assert!(l.estimated, "{}", l.basis);
    assert!(l.bytes > 300_000, "{}", l.basis);
}

#[test]
fn go_install_and_gopath_go_get_name_their_binaries() {
    let bin = |line: &str, env: &[(&str, &str)]| {
        let env: BTreeMap<String, String> = env
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        go_bin_path(&model::commands(line)[0], &env)
    };
    assert_eq!(
        bin("go install github.com/air-verse/air@latest", &[]).as_deref(),
        Some("/go/bin/air")
    );
    assert_eq!(
        bin("go install golang.org/x/tools/gopls/v2@v2.0.0", &[]).as_deref(),
        Some("/go/bin/gopls")
    );
    assert_eq!(
        bin(
            "go get -u github.com/x/y/cmd/tool",
            &[("GOPATH", "/gopath")]
        )
        .as_deref(),
        Some("/gopath/bin/tool")
    );
    assert_eq!(bin("go install ./...", &[]), None);
    assert_eq!(bin("go install", &[]), None);
    // A later COPY --from finds the binary of a GOPATH-era `go get`.
    let e = est(
        "FROM golang:alpine AS b\nRUN go get github.com/sourcegraph/checkup/cmd/checkup\n\
                     FROM alpine\nCOPY --from=b /go/bin/checkup /usr/bin/checkup\n",
    );
    assert_eq!(e.layers.last().unwrap().bytes, facts::GO_BINARY.bytes);
}

#[test]
fn installs_are_priced_from_the_base_release_packages() {
    // docker-library/buildpack-deps' bullseye/curl and scm Dockerfiles, against the
    // sizes docker-library/repo-info printed for them (maxmood96/repo-info
    // repos/buildpack-deps/local/bullseye-curl.md, 2023-04-28: 152.91 MB;
    // bullseye-scm.md, 2024-01-09: 305.17 MB).
    let curl = "FROM debian:bullseye\n\
            RUN apt-get update && apt-get install -y --no-install-recommends \\\n\
            ca-certificates curl netbase wget && rm -rf /var/lib/apt/lists/*\n\
            RUN set -ex; if ! command -v gpg > /dev/null; then apt-get update; \\\n\
            apt-get install -y --no-install-recommends gnupg dirmngr; \\\n\
            rm -rf /var/lib/apt/lists/*; fi\n";
    let scm = format!(
        "{curl}RUN apt-get update && apt-get install -y --no-install-recommends \\\n\
             git mercurial openssh-client subversion procps && rm -rf /var/lib/apt/lists/*\n"
    );
    let at = |t: &str, d: &str| est_as_of(t, Some(d)).bytes;
    let within = |got: u64, real: u64, pct: u64| got.abs_diff(real) * 100 <= real * pct;
    let c = at(curl, "2023-04");
    assert!(within(c, 152_910_000, 2), "{c}");
    let s = at(&scm, "2024-01");
    assert!(within(s, 305_170_000, 4), "{s}");
    // Priced from bookworm's packages the same file comes out larger.
    let bw = at(&scm.replace("bullseye", "bookworm"), "2024-01");
    assert!(bw > s, "{bw} {s}");
    // trixie/curl (sq too), repo-info's docker-library/repo-info
    // repos/buildpack-deps/local/trixie-curl.md, 2026-08-25: 180.11 MB.
    let trixie = "FROM debian:trixie\nRUN set -eux; apt-get update; \\\n\
            apt-get install -y --no-install-recommends ca-certificates curl gnupg netbase sq wget; \\\n\
            rm -rf /var/lib/apt/lists/*\n";
    let t = at(trixie, "2026-09");
    assert!(within(t, 180_110_000, 2), "{t}");
}

#[test]
fn finds_and_xargs_that_read_or_delete_add_nothing() {
    let ok = |s: &str| reads_or_deletes(&model::commands(s)[0]);
    assert!(ok("find /usr/local -type f -name '*.a' -delete"));
    assert!(ok("find /usr -name '*.pyc' -exec rm -rf '{}' +"));
    assert!(ok("xargs -r apk info --installed"));
    assert!(ok("xargs -n 1 rm -f"));
    assert!(ok(". /etc/os-release"));
    assert!(ok(". \"$NVM_DIR/nvm.sh\""));
    assert!(ok("gpgconf --kill all"));
    // A build script, or a find that writes its list: not nothing.
    assert!(!ok(". ./build.sh"));
    assert!(!ok("find / -fprint /tmp/files"));
    // Rewriting files is not reading them.
    assert!(!ok("find /app -type f -exec chmod 644 {} +"));
    assert!(ok(". \"$APACHE_ENVVARS\"") && ok(". /etc/apache2/envvars"));
    assert!(!ok(". ./build.sh"));
    assert!(!ok("find /usr/local/bin -type f -exec strip {} +"));
    assert!(!ok("xargs sed -i s/a/b/"));
    assert!(!ok("gpgconf --list-dirs"));
}

#[test]
fn decimals_are_written_without_floating_point() {
    assert_eq!(decimal(6_516_845, 1_000_000, 2), "6.52");
    assert_eq!(decimal(1_590, 1000, 2), "1.59");
    assert_eq!(decimal(15, 10, 0), "2");
    assert_eq!(decimal(1_050, 1000, 1), "1.1");
    assert_eq!(decimal(0, 7, 3), "0.000");
    assert_eq!(fmt_bytes(359_000_000), "359.0 MB");
    assert_eq!(fmt_bytes(1_010_844_038), "1.01 GB");
    assert_eq!(fmt_bytes(445_900), "445.9 KB");
    assert_eq!(decimal(u64::MAX, 1, 2).len(), 23);
    assert_eq!(smaller(359_000_000, 12_000_000), "30× smaller");
    assert_eq!(smaller(100, 90), "10 % smaller");
    assert_eq!(smaller(100, 100), "no saving");
    assert_eq!(smaller(10_050, 10_000), "under 1 % smaller");
    assert_eq!(smaller(100, 0), "no saving");
}

#[test]
fn a_go_program_named_hello_is_a_hello_world() {
    let last = |t: &str| est(t).layers.last().unwrap().bytes;
    let go119 = facts::go_hello_binary(Some((1, 19)));
    let hello = "FROM golang:1.19\nWORKDIR /src\nCOPY hello.go .\nRUN go build hello.go\n\
                     FROM scratch\nCOPY --from=0 /src/hello .\n";
    assert_eq!(last(hello), go119.bytes);
    let named = "FROM golang:1.19\nCOPY main.go .\nRUN go build -o /bin/hello-world .\n\
                     FROM scratch\nCOPY --from=0 /bin/hello-world /\n";
    assert_eq!(last(named), go119.bytes);
    // Any other name is a program of unknown size: the net/http default.
    let server = "FROM golang\nCOPY main.go .\nRUN go build -o /bin/server .\n\
                      FROM scratch\nCOPY --from=0 /bin/server /\n";
    assert_eq!(last(server), facts::GO_BINARY.bytes);
    // Stripped, it is the measured stripped hello world.
    let stripped = "FROM golang:1.19\nCOPY hello.go .\nRUN go build -ldflags='-s -w' hello.go\n\
                        FROM scratch\nCOPY --from=0 /go/hello /\n";
    assert_eq!(last(stripped), go119.low);
    // A flag's value is no program name.
    let tags = "FROM golang\nCOPY main.go .\nRUN go build -tags hello -o /bin/app .\n\
                    FROM scratch\nCOPY --from=0 /bin/app /\n";
    assert_eq!(last(tags), facts::GO_BINARY.bytes);
    // With third-party modules it is no hello world, whatever its name.
    let modules = "FROM golang\nCOPY go.mod go.sum ./\nRUN go mod download\nCOPY . .\n\
                       RUN go build -o /bin/hello .\nFROM scratch\nCOPY --from=0 /bin/hello /\n";
    assert_eq!(last(modules), facts::GO_STARTER_BINARY.bytes);
    let final_layer = |text: &str| {
        let e = est(text);
        let l = e.layers.last().unwrap();
        (l.bytes, l.low, l.high)
    };
    assert_eq!(
        final_layer(modules),
        (
            facts::GO_STARTER_BINARY.bytes,
            facts::GO_STARTER_BINARY.low,
            facts::GO_STARTER_BINARY.high
        )
    );
    // A whole tree copied may hold no go.sum: the starters' median, but a range that
    // reaches down to a (stripped) hello world.
    let tree = "FROM golang:alpine AS builder\nADD . /build/\nWORKDIR /build\n\
                    RUN go build -o main .\nFROM scratch\nCOPY --from=builder /build/main /app/\n";
    assert_eq!(
        final_layer(tree),
        (
            facts::GO_STARTER_BINARY.bytes,
            facts::GO_BINARY.low,
            facts::GO_STARTER_BINARY.high
        )
    );
    // The Go release builds it: the nearest measured one to the builder's.
    let on = |tag: &str| {
        last(&format!(
            "FROM golang:{tag}\nCOPY hello.go .\nRUN go build hello.go\n\
                 FROM scratch\nCOPY --from=0 /go/hello /\n"
        ))
    };
    assert_eq!(on("1.14"), 2_038_877);
    assert_eq!(on("1.20-alpine"), 1_814_255);
    assert_eq!(on("1.26"), 2_406_041);
    assert_eq!(facts::go_hello_binary(None), facts::GO_HELLO_BINARY);
    assert_eq!(facts::go_hello_binary(Some((2, 0))), facts::GO_HELLO_BINARY);
}
#[test]
fn alpine_yarn_is_yarn_1_with_nodejs() {
    let yarn = sizes::npm::install(&["yarn".to_string()], &Default::default()).installed;
    let both = est("FROM alpine:3.19\nRUN apk add --no-cache yarn\n");
    let node = est("FROM alpine:3.19\nRUN apk add --no-cache nodejs\n");
    let (b, n) = (&both.layers[1], &node.layers[1]);
    assert_eq!(b.bytes, n.bytes + yarn, "{}", b.basis);
    assert!(b.basis.contains("Yarn 1's files"), "{}", b.basis);
    assert!(!b.basis.contains("yarnpkg"), "{}", b.basis);
}

#[test]
fn apk_index_cache_is_counted_once_unless_no_cache() {
    let kept = est("FROM alpine:3.19\nRUN apk add curl\nRUN apk add git\n");
    let clean = est("FROM alpine:3.19\nRUN apk add --no-cache curl\nRUN apk add --no-cache git\n");
    let idx = facts::apk_index_cache(Some("3.19")).bytes;
    assert_eq!(
        kept.layers[1].bytes,
        clean.layers[1].bytes + idx,
        "{}",
        kept.layers[1].basis
    );
    assert_eq!(
        kept.layers[2].bytes, clean.layers[2].bytes,
        "{}",
        kept.layers[2].basis
    );
    let removed =
        est("FROM alpine:3.19\nRUN apk update && apk add curl && rm -rf /var/cache/apk/*\n");
    assert_eq!(removed.layers[1].bytes, clean.layers[1].bytes);
    // Packages the table lacks leave the layer unknown, index or not.
    let unknown = est("FROM alpine:3.19\nRUN apk add no-such-apk-package\n");
    assert!(!unknown.layers[1].estimated);
    // Build dependencies deleted in the same RUN add nothing, and the basis says only that.
    let virt = est("FROM alpine:3.19\nRUN apk add --no-cache --virtual .b gcc && apk del .b\n");
    assert_eq!(virt.layers[1].bytes, 0);
    assert_eq!(
        virt.layers[1].basis,
        "apk: installed and removed again in the same RUN (adds nothing): gcc"
    );
}

#[test]
fn node_modules_copied_from_the_host_are_a_dependency_tree() {
    let e = est("FROM node:20\nWORKDIR /app\nCOPY ./node_modules /app/node_modules\n");
    let l = e.layers.last().unwrap();
    assert_eq!(
        l.bytes,
        facts::NPM_APP_DEPENDENCIES_WITH_DEV.bytes,
        "{}",
        l.basis
    );
}

#[test]
fn copying_an_images_root_copies_the_image() {
    let e = est("FROM scratch\nCOPY --from=alpine:3.19 / /\n");
    let l = e.layers.last().unwrap();
    let base = sizes::lookup_base(&sizes::parse_image_ref("alpine:3.19").unwrap()).unwrap();
    assert!(l.estimated, "{}", l.basis);
    assert_eq!(l.bytes, base.bytes);
}

#[test]
fn the_composer_binary_copied_from_its_image_is_the_phar() {
    let e = est("FROM php:8.2-cli\nCOPY --from=composer:2 /usr/bin/composer /usr/bin/composer\n");
    let l = e.layers.last().unwrap();
    assert!(l.estimated, "{}", l.basis);
    assert_eq!(l.bytes, facts::COMPOSER_PHAR.bytes);
}

#[test]
fn go_copied_from_the_golang_image_is_its_release_tree() {
    let e = est(
        "FROM debian:bookworm-slim\nCOPY --from=golang:1.22-alpine /usr/local/go/ /usr/local/go\n",
    );
    let l = e.layers.last().unwrap();
    let d = sizes::dist::Dist::release("Go", Some("1.22".into()));
    let (go, _) = sizes::dist::unpacked(&d).unwrap();
    assert!(l.estimated && l.basis.contains("Go 1.22."), "{}", l.basis);
    assert_eq!((l.bytes, l.low, l.high), (go.bytes, go.low, go.high));
    // Another path out of the image stays unknown.
    let e = est("FROM debian:bookworm-slim\nCOPY --from=golang:1.22 /go/bin/tool /usr/bin/\n");
    assert!(!e.layers.last().unwrap().estimated);
}

#[test]
fn node_copied_from_the_node_image_is_its_release_parts() {
    use sizes::dist::{node_part, NodePart};
    let e = est("FROM python:3.12-slim\n\
                     COPY --from=node:22-slim /usr/local/bin/node /usr/local/bin/node\n\
                     COPY --from=node:22-slim /usr/local/lib/node_modules /usr/local/lib/node_modules\n");
    let (program, _) = node_part(Some(22), NodePart::Program).unwrap();
    let (modules, _) = node_part(Some(22), NodePart::Modules).unwrap();
    let (bin, lib) = (&e.layers[1], &e.layers[2]);
    assert!(bin.basis.contains("Node.js 22."), "{}", bin.basis);
    assert_eq!((bin.bytes, lib.bytes), (program.bytes, modules.bytes));
    // The program is most of the release, npm and corepack a tenth of it.
    assert!(program.bytes > 80_000_000 && modules.bytes < program.bytes / 5);
    // Another path out of the image stays unknown.
    let e = est("FROM debian:bookworm-slim\nCOPY --from=node:22 /opt/yarn-v1.22.22 /opt/yarn\n");
    assert!(!e.layers.last().unwrap().estimated);
}

#[test]
fn programs_built_by_make_take_the_measured_c_program() {
    let e = est("FROM gcc:12 AS b\nWORKDIR /src\nCOPY . .\nRUN make\n\
                     FROM debian:bookworm-slim\nCOPY --from=b /src/app /usr/local/bin/app\n");
    let l = e.layers.last().unwrap();
    assert!(l.estimated, "{}", l.basis);
    assert_eq!(l.bytes, facts::C_BINARY.bytes);
    let e = est(
        "FROM alpine:3.19 AS b\nRUN apk add build-base\nCOPY . .\nRUN make LDFLAGS=-static\n\
                     FROM scratch\nCOPY --from=b /app /app\n",
    );
    assert_eq!(
        e.layers.last().unwrap().bytes,
        facts::C_BINARY_ALPINE_STATIC.bytes
    );
    // On scratch (no libc) the program must be static even when no `-static` shows
    // (it sits in CMakeLists.txt); C++ sources make it a C++ program with libstdc++.
    let cxx = |runtime: &str| {
        est(&format!(
            "FROM alpine:3.19 AS b\nRUN apk add cmake make g++\nCOPY main.cpp CMakeLists.txt .\n\
                 RUN cmake . && make\nFROM {runtime}\nCOPY --from=b /hello /hello\n"
        ))
        .layers
        .last()
        .unwrap()
        .clone()
    };
    let l = cxx("scratch");
    assert_eq!(l.bytes, facts::CXX_BINARY_MUSL_STATIC.bytes, "{}", l.basis);
    assert!(l.basis.contains("linked statically"), "{}", l.basis);
    // Plain Alpine has no libstdc++: static there too, unless the stage installs it.
    let l = cxx("alpine:3.19");
    assert_eq!(l.bytes, facts::CXX_BINARY_MUSL_STATIC.bytes, "{}", l.basis);
    assert!(l.basis.contains("without libstdc++"), "{}", l.basis);
    let l = cxx("alpine:3.19\nRUN apk add --no-cache libstdc++");
    assert_eq!(l.bytes, facts::CXX_BINARY.bytes, "{}", l.basis);
    assert_eq!(cxx("debian:bookworm-slim").bytes, facts::CXX_BINARY.bytes);
    assert_eq!(
        cxx("gcr.io/distroless/static-debian12").bytes,
        facts::CXX_BINARY_MUSL_STATIC.bytes
    );
    // A C program on scratch from Debian's gcc: static glibc.
    let e = est("FROM gcc:12 AS b\nCOPY . .\nRUN make\nFROM scratch\nCOPY --from=b /app /app\n");
    assert_eq!(
        e.layers.last().unwrap().bytes,
        facts::C_BINARY_GLIBC_STATIC.bytes
    );
    // g++ named on the command line.
    let e = est("FROM gcc:12\nRUN g++ -static -o /hello hello.cpp\n");
    assert_eq!(
        e.layers.last().unwrap().bytes,
        facts::CXX_BINARY_GLIBC_STATIC.bytes
    );
}

#[test]
fn package_manager_caches_follow_the_installer() {
    let npm =
        est("FROM node:20-slim\nWORKDIR /app\nCOPY package.json ./\nRUN npm install --omit=dev\n");
    let pnpm = est("FROM node:20-slim\nRUN corepack enable\nWORKDIR /app\nCOPY package.json ./\nRUN pnpm install --prod\n");
    let d = facts::NPM_APP_DEPENDENCIES.bytes;
    let n = npm.layers.last().unwrap();
    assert_eq!(
        n.bytes,
        d + d * facts::npm_cache_per_installed(d) / 1000,
        "{}",
        n.basis
    );
    let p = pnpm.layers.last().unwrap();
    let k = facts::PNPM_STORE_EXTRA_PER_INSTALLED.bytes;
    assert_eq!(p.bytes, d + d * k / 1000, "{}", p.basis);
    // corepack enable only links shims.
    assert!(pnpm.layers[1].estimated && pnpm.layers[1].bytes == 0);
    // Without --omit=dev or NODE_ENV=production the devDependencies come too.
    let all = est(
        "FROM node:20-slim\nWORKDIR /app\nCOPY package.json ./\nRUN npm ci && rm -rf /root/.npm\n",
    );
    assert_eq!(
        all.layers.last().unwrap().bytes,
        facts::NPM_APP_DEPENDENCIES_WITH_DEV.bytes
    );
    let env = est("FROM node:20-slim\nENV NODE_ENV=production\nWORKDIR /app\nCOPY package.json ./\nRUN npm ci && rm -rf /root/.npm\n");
    assert_eq!(env.layers.last().unwrap().bytes, d);
    // A prune in the same RUN leaves the production tree; COPY --from takes that.
    let pruned = est(
        "FROM node:20-slim AS b\nWORKDIR /app\nCOPY package.json ./\n\
                          RUN npm ci && npm prune --omit=dev && rm -rf /root/.npm\n\
                          FROM node:20-slim\nCOPY --from=b /app/node_modules /app/node_modules\n",
    );
    assert_eq!(pruned.layers.last().unwrap().bytes, d);
}

#[test]
fn what_a_later_rm_deletes_is_not_copied_and_a_front_end_build_counts_once() {
    let copied = |run: &str| {
        let e = est(&format!(
                "FROM node:20-alpine AS b\nWORKDIR /app\nCOPY package.json yarn.lock ./\n\
                 RUN yarn install\nCOPY . .\nRUN {run}\nFROM node:20-alpine\nCOPY --from=b /app /app\n"
            ));
        e.layers.last().unwrap().clone()
    };
    let kept = copied("yarn build");
    let gone = copied("yarn build && rm -rf node_modules");
    assert!(kept.basis.contains("/app/node_modules"), "{}", kept.basis);
    assert!(!gone.basis.contains("/app/node_modules"), "{}", gone.basis);
    assert!(
        gone.bytes < facts::NPM_APP_DEPENDENCIES.bytes,
        "{}",
        gone.basis
    );
    // Removed before the build: the new dist/ is there.
    let rebuilt = copied("rm -rf dist && yarn build");
    assert_eq!(rebuilt.bytes, kept.bytes, "{}", rebuilt.basis);
    // dist/ (Vite) or build/ (Create React App): one of them, counted once.
    assert_eq!(
        kept.basis.matches("front-end build output").count(),
        1,
        "{}",
        kept.basis
    );
    let gone = copied("yarn build && rm -rf /app/dist /app/build");
    assert!(!gone.basis.contains("front-end"), "{}", gone.basis);
}

#[test]
fn parts_of_a_copied_build_context_count_once_and_a_repeated_install_replaces() {
    let e = est(
        "FROM php:8.3-fpm-alpine AS b\nWORKDIR /app\nCOPY composer.json ./\n\
             RUN composer install\nCOPY . .\nRUN composer install --no-dev\n\
             FROM php:8.3-fpm-alpine\nWORKDIR /app\nCOPY --from=b /app/vendor ./vendor\n\
             COPY --from=b /app/public ./public\nCOPY --from=b /app/src ./src\n",
    );
    let n = e.layers.len();
    let (vendor, public, src) = (&e.layers[n - 3], &e.layers[n - 2], &e.layers[n - 1]);
    assert_eq!(
        vendor.bytes,
        facts::COMPOSER_VENDOR.bytes,
        "{}",
        vendor.basis
    );
    assert!(public.estimated && src.estimated);
    assert_eq!(
        public.bytes,
        facts::DEFAULT_CONTEXT.bytes,
        "{}",
        public.basis
    );
    assert_eq!(src.bytes, 0, "{}", src.basis);
    assert!(
        src.basis.contains("counted with an earlier part"),
        "{}",
        src.basis
    );
}

#[test]
fn cp_of_a_built_program_and_bind_mounted_manifests_are_followed() {
    // docker init's Rust template: Cargo.lock bind-mounted (the program has
    // dependencies), target/ in a cache mount, the binary copied out with cp.
    let e = est("FROM rust:1.75-alpine AS build\nWORKDIR /app\n\
             RUN --mount=type=bind,source=src,target=src --mount=type=bind,source=Cargo.lock,target=Cargo.lock \\\n\
                 --mount=type=cache,target=/app/target/ cargo build --locked --release && cp ./target/release/app /bin/server\n\
             FROM alpine:3.18\nCOPY --from=build /bin/server /bin/\n");
    let l = e.layers.last().unwrap();
    assert!(l.estimated, "{}", l.basis);
    // The starters' binary (plus musl's share over glibc's, a few KB).
    let s = facts::RUST_STARTER_BINARY.bytes;
    assert!((s..s + 10_000).contains(&l.bytes), "{}", l.basis);
    // mv moves it: the layer gains nothing, the new path is what a COPY --from takes.
    let e = est("FROM golang:1.22 AS b\nWORKDIR /src\nCOPY . .\nRUN go build -o app . && mv app /usr/local/bin/app\n\
             FROM scratch\nCOPY --from=b /usr/local/bin/app /app\n");
    let l = e.layers.last().unwrap();
    assert!(l.estimated && l.bytes > 1_000_000, "{}", l.basis);
    // A cp of something no step built stays unknown.
    let e = est("FROM debian:12\nRUN cp /opt/x /usr/bin/x\n");
    assert!(!e.layers.last().unwrap().estimated);
}

#[test]
fn the_parts_of_an_extracted_jar_count_once() {
    // Spring Boot's layers (docker init's Java template): four COPYs of the folders
    // `layertools extract` makes of one jar.
    let e = est("FROM maven:3.9-eclipse-temurin-17 AS b\nWORKDIR /build\nCOPY . .\n\
             RUN mvn package && java -Djarmode=layertools -jar target/app.jar extract --destination target/extracted\n\
             FROM eclipse-temurin:17-jre\n\
             COPY --from=b build/target/extracted/dependencies/ ./\n\
             COPY --from=b build/target/extracted/spring-boot-loader/ ./\n\
             COPY --from=b build/target/extracted/application/ ./\n");
    let n = e.layers.len();
    let parts: Vec<u64> = e.layers[n - 3..].iter().map(|l| l.bytes).collect();
    assert!(parts[0] > 0, "{}", e.layers[n - 3].basis);
    assert_eq!(&parts[1..], &[0, 0], "{}", e.layers[n - 1].basis);
}

#[test]
fn cpython_built_from_source_is_the_measured_install() {
    // docker-library/python's build: download, unpack, configure, make, make install,
    // then the tarball and the source tree deleted.
    let run = |clean: &str| {
        est(&format!("FROM debian:bookworm-slim\nENV PYTHON_VERSION 3.11.9\nRUN set -eux; wget -O python.tar.xz \"https://www.python.org/ftp/python/${{PYTHON_VERSION%%[a-z]*}}/Python-$PYTHON_VERSION.tar.xz\"; mkdir -p /usr/src/python; tar --extract --directory /usr/src/python --strip-components=1 --file python.tar.xz; rm python.tar.xz; cd /usr/src/python; ./configure --enable-shared --with-ensurepip; make -j \"$(nproc)\"; make install; cd /; {clean}\n"))
    };
    let e = run("rm -rf /usr/src/python");
    let l = e.layers.last().unwrap();
    assert!(l.estimated && !l.partial, "{}", l.basis);
    assert_eq!(l.bytes, facts::CPYTHON_3_11.bytes, "{}", l.basis);
    assert!(l.basis.contains("CPython 3.11.9"), "{}", l.basis);
    // The source tree kept: not the pattern, not priced as it.
    let kept = run("true");
    assert!(kept.layers.last().unwrap().bytes != facts::CPYTHON_3_11.bytes);
    // 3.13 and later take 3.13's measured install.
    let e = est("FROM debian:bookworm-slim\nRUN wget -O python.tar.xz https://www.python.org/ftp/python/3.13.14/Python-3.13.14.tar.xz && tar -xf python.tar.xz && cd Python-3.13.14 && ./configure && make && make install && cd / && rm -rf Python-3.13.14 python.tar.xz\n");
    let l = e.layers.last().unwrap();
    assert_eq!(l.bytes, facts::CPYTHON_3_13.bytes, "{}", l.basis);
}

#[test]
fn locale_generation_writes_the_locale_archive() {
    let e = est("FROM ubuntu:22.04\nRUN locale-gen en_US.UTF-8\nRUN sed -i 's/# de_DE.UTF-8/de_DE.UTF-8/' /etc/locale.gen && locale-gen\nRUN localedef -i fr_FR -c -f UTF-8 fr_FR.UTF-8\n");
    let (a, b, c) = (&e.layers[1], &e.layers[2], &e.layers[3]);
    assert!(a.estimated && !a.partial, "{}", a.basis);
    assert_eq!(a.bytes, facts::LOCALE_ARCHIVE.bytes);
    // Each later run writes the whole archive again, one locale more.
    assert_eq!(
        b.bytes,
        facts::LOCALE_ARCHIVE.bytes + facts::LOCALE_MORE.bytes
    );
    assert_eq!(
        c.bytes,
        facts::LOCALE_ARCHIVE.bytes + 2 * facts::LOCALE_MORE.bytes
    );
    assert!(c.basis.contains("3 locale(s)"), "{}", c.basis);
    // Two names at once.
    let two = est("FROM ubuntu:22.04\nRUN locale-gen en_US.UTF-8 de_DE.UTF-8\n");
    assert_eq!(two.layers[1].bytes, b.bytes);
    // Two compiles in one RUN leave one archive; the same locale again is no new one.
    let once = est("FROM debian:bookworm\nRUN echo 'en_US.UTF-8 UTF-8' > /etc/locale.gen && locale-gen && dpkg-reconfigure -f noninteractive locales && localedef -i en_US -f UTF-8 en_US.UTF-8\nRUN locale-gen en_US.utf8\n");
    assert_eq!(
        once.layers[1].bytes,
        facts::LOCALE_ARCHIVE.bytes,
        "{}",
        once.layers[1].basis
    );
    assert!(
        once.layers[1].basis.contains("1 locale(s)"),
        "{}",
        once.layers[1].basis
    );
    assert_eq!(once.layers[2].bytes, facts::LOCALE_ARCHIVE.bytes);
    // localedef without an input file (a listing) is not a compile.
    assert!(!est("FROM ubuntu:22.04\nRUN localedef --list-archive\n").layers[1].estimated);
}

#[test]
fn gem_install_is_priced_from_debians_gems() {
    let e = est("FROM ruby:3.3\nRUN gem install bundler -v 2.5.6 --no-document\nRUN gem install rails:7.1.0 && gem install nokogiri\n");
    let (b, r) = (&e.layers[1], &e.layers[2]);
    assert!(
        b.estimated && b.bytes > 1_000_000 && b.bytes < 2_500_000,
        "{}",
        b.basis
    );
    assert!(r.estimated && r.bytes > 5_000_000, "{}", r.basis);
    // nokogiri came with rails: the second install adds nothing.
    assert!(
        r.basis.contains("nokogiri") || r.basis.contains("…"),
        "{}",
        r.basis
    );
    let alone = est("FROM ruby:3.3\nRUN gem install rails:7.1.0\n");
    assert_eq!(alone.layers[1].bytes, r.bytes);
    // A native gem's vendored libraries widen the top of the range, unless the image
    // has them (ruby:3.3 is built on buildpack-deps, with libxml2).
    assert!(r.high == r.bytes && b.high == b.bytes);
    let slim = est("FROM ruby:3.3-slim\nRUN gem install nokogiri\n");
    assert!(
        slim.layers[1].high > slim.layers[1].bytes,
        "{}",
        slim.layers[1].basis
    );
    // The cache deleted in the same RUN; a redirection is no gem; the version
    // constraint stays with its gem.
    let del = est(
        "FROM ruby:3.3\nRUN gem install bundler > /dev/null && rm -rf /usr/local/bundle/cache\n",
    );
    assert!(
        del.layers[1].bytes < b.bytes && !del.layers[1].partial,
        "{}",
        del.layers[1].basis
    );
    let pinned = est("FROM ruby:3.3\nRUN gem install 'rails:~> 7.1'\n");
    assert_eq!(pinned.layers[1].bytes, r.bytes);
    // A gem the table lacks leaves the layer partly modelled.
    assert!(est("FROM ruby:3.3\nRUN gem install bundler my_private_gem\n").layers[1].partial);
    // Gemfile installs and unknown gems stay unmodelled.
    assert!(!est("FROM ruby:3.3\nRUN gem install -g Gemfile\n").layers[1].estimated);
    assert!(!est("FROM ruby:3.3\nRUN gem install no_such_gem\n").layers[1].estimated);
}

#[test]
fn bootsnap_caches_compiled_gems_and_chown_doubles_them() {
    // Rails' generated Dockerfile (7.1+): the gems' cache after bundle install, the
    // app's after COPY, then `chown -R … tmp` in the final stage.
    let text = "FROM ruby:3.3-slim AS base\nWORKDIR /rails\nENV BUNDLE_WITHOUT=development\n\
             FROM base AS build\nCOPY Gemfile Gemfile.lock ./\n\
             RUN bundle install && rm -rf ~/.bundle/ \"${BUNDLE_PATH}\"/ruby/*/cache && bundle exec bootsnap precompile --gemfile\n\
             COPY . .\nRUN bundle exec bootsnap precompile app/ lib/\n\
             FROM base\nCOPY --from=build /usr/local/bundle /usr/local/bundle\nCOPY --from=build /rails /rails\n\
             RUN useradd rails && chown -R rails:rails db log storage tmp\n";
    let e = est(text);
    let n = e.layers.len();
    let (gems, app, chown) = (&e.layers[n - 3], &e.layers[n - 2], &e.layers[n - 1]);
    let r = facts::BOOTSNAP_PER_GEM_BYTE.bytes;
    // The cache is the gem files (the .gem cache deleted) at the measured ratio.
    let cache = gems.bytes * r / 1000;
    assert!(
        app.bytes > cache && app.bytes < cache + 1_000_000,
        "{}",
        app.basis
    );
    assert!(
        app.basis.contains("/rails/tmp/cache/bootsnap"),
        "{}",
        app.basis
    );
    // chown -R of tmp writes the cache again.
    assert!(
        chown.bytes > cache && chown.bytes < app.bytes,
        "{}",
        chown.basis
    );
    // --cache-dir moves it out of tmp: the chown leaves it alone.
    let moved = est(&text
        .replace("--gemfile", "--gemfile --cache-dir /cache")
        .replace("app/ lib/", "--cache-dir /cache app/ lib/"));
    assert!(moved.layers.last().unwrap().bytes < 1_000_000);
}

#[test]
fn spring_boot_jar_modes_extract_the_jar() {
    // layertools in its own RUN, into the working directory (vimad/spring-boot-docker).
    let e = est(
        "FROM maven:3.9-eclipse-temurin-21 AS b\nWORKDIR /app\nCOPY . .\nRUN mvn package\n\
             RUN java -Djarmode=layertools -jar target/app-1.0.0.jar extract\n\
             FROM eclipse-temurin:21-jre-alpine\nWORKDIR /app\n\
             COPY --from=b app/dependencies/ ./\nCOPY --from=b app/spring-boot-loader/ ./\n\
             COPY --from=b app/snapshot-dependencies/ ./\nCOPY --from=b app/application/ ./\n",
    );
    let n = e.layers.len();
    let parts: Vec<u64> = e.layers[n - 4..].iter().map(|l| l.bytes).collect();
    assert_eq!(parts, [facts::JAVA_JAR.bytes, 0, 0, 0]);
    assert!(e.layers[n - 4..].iter().all(|l| l.estimated && !l.partial));
    // The extracting RUN is modelled: the jar's contents.
    let one = est("FROM eclipse-temurin:21-jre\nWORKDIR /app\nCOPY target/app.jar app.jar\nRUN java -Djarmode=layertools -jar app.jar extract\n");
    let l = one.layers.last().unwrap();
    assert!(
        l.estimated && l.bytes == facts::JAVA_JAR.bytes,
        "{}",
        l.basis
    );
    // tools mode (Spring Boot 3.3+): a folder named after the jar, layers on request.
    let t = est("FROM eclipse-temurin:21-jre AS b\nWORKDIR /b\nCOPY target/app.jar app.jar\n\
             RUN java -Djarmode=tools -jar app.jar extract --layers --launcher\n\
             FROM eclipse-temurin:21-jre\nCOPY --from=b /b/app/dependencies/ ./\nCOPY --from=b /b/app/application/ ./\n");
    let n = t.layers.len();
    assert_eq!(
        t.layers[n - 2].bytes,
        facts::JAVA_JAR.bytes,
        "{}",
        t.layers[n - 2].basis
    );
    assert_eq!(t.layers[n - 1].bytes, 0);
    // Without --layers: the jar and its lib/ in the destination.
    let j = est(
        "FROM eclipse-temurin:21-jre AS b\nWORKDIR /b\nCOPY target/app.jar app.jar\n\
             RUN java -Djarmode=tools -jar app.jar extract --destination out\n\
             FROM eclipse-temurin:21-jre\nCOPY --from=b /b/out /app\n",
    );
    let l = j.layers.last().unwrap();
    assert_eq!(l.bytes, facts::JAVA_JAR.bytes, "{}", l.basis);
    // Any other java command stays unmodelled.
    let o = est("FROM eclipse-temurin:21-jre\nRUN java -jar tool.jar generate\n");
    assert!(!o.layers.last().unwrap().estimated);
}

#[test]
fn build_outputs_are_not_parts_of_the_context_and_a_rename_is_small() {
    let e = est(
        "FROM node:18-alpine AS b\nWORKDIR /app\nCOPY . .\nRUN npm run build\n\
             FROM node:18-alpine\nCOPY --from=b /app/.next/standalone ./\n",
    );
    // Not a part of the context: the Next.js build's traced server, as measured.
    let l = e.layers.last().unwrap();
    assert_eq!(l.bytes, facts::NEXT_STANDALONE.bytes, "{}", l.basis);
    let e = est("FROM php:8.2-apache\nRUN mv \"$PHP_INI_DIR/php.ini-production\" \"$PHP_INI_DIR/php.ini\"\n");
    assert!(e.layers.last().unwrap().estimated);
}

#[test]
fn a_copy_from_a_folder_where_unmodelled_steps_ran_says_so() {
    let e = est(
        "FROM ruby:3.3 AS b\nWORKDIR /rails\nCOPY . .\nRUN ./bin/rails assets:precompile\n\
             FROM ruby:3.3-slim\nCOPY --from=b /rails /rails\n",
    );
    let l = e.layers.last().unwrap();
    assert!(l.estimated, "{}", l.basis);
    assert!(
        l.basis.contains(
            "also holds what `./bin/rails` (line 4) in /rails wrote: not modelled, not counted"
        ),
        "{}",
        l.basis
    );
}

#[test]
fn a_maven_assembly_builds_the_jar() {
    let e = est(
        "FROM maven:3.8.5-eclipse-temurin-17 AS b\nWORKDIR /w\nCOPY . .\n\
             RUN mvn --batch-mode clean compile assembly:single\n\
             FROM eclipse-temurin:17-jre\nCOPY --from=b /w/target/app.jar /app.jar\n",
    );
    let l = e.layers.last().unwrap();
    assert_eq!(l.bytes, facts::JAVA_JAR.bytes, "{}", l.basis);
}

#[test]
fn native_image_builds_make_the_executable_a_later_stage_copies() {
    let last = |t: &str| est(t).layers.last().unwrap().clone();
    // Spring Boot 3's documented build, as vimad/spring-boot-docker writes it.
    let l = last(
        "FROM ghcr.io/graalvm/native-image-community:21 AS builder
WORKDIR /app
             COPY . .
RUN mvn -Pnative native:compile
             FROM oraclelinux:9-slim
WORKDIR /app
             COPY --from=builder app/target/spring-boot-docker ./
",
    );
    assert!(l.estimated, "{}", l.basis);
    assert_eq!(
        l.bytes,
        facts::SPRING_NATIVE_EXECUTABLE.bytes,
        "{}",
        l.basis
    );
    let g = last(
        "FROM ghcr.io/graalvm/native-image-community:21 AS b
WORKDIR /src
COPY . .
             RUN ./gradlew nativeCompile
FROM gcr.io/distroless/base-debian12
             COPY --from=b /src/build/native/nativeCompile/demo /demo
",
    );
    assert_eq!(
        g.bytes,
        facts::SPRING_NATIVE_EXECUTABLE.bytes,
        "{}",
        g.basis
    );
    // Quarkus, built in the image and on the host (its generated Dockerfile.native).
    let q = last(
        "FROM quay.io/quarkus/ubi-quarkus-mandrel-builder-image:jdk-21 AS b
             WORKDIR /code
COPY . .
RUN ./mvnw package -Dnative
             FROM quay.io/quarkus/quarkus-micro-image:2.0
             COPY --from=b /code/target/*-runner /work/application
",
    );
    assert_eq!(
        q.bytes,
        facts::QUARKUS_NATIVE_EXECUTABLE.bytes,
        "{}",
        q.basis
    );
    let host = last(
        "FROM registry.access.redhat.com/ubi9/ubi-minimal
WORKDIR /work/
             COPY --chown=1001:root --chmod=0755 target/*-runner /work/application
",
    );
    assert_eq!(
        host.bytes,
        facts::QUARKUS_NATIVE_EXECUTABLE.bytes,
        "{}",
        host.basis
    );
    // A plain package still builds the jar.
    let jar = last(
        "FROM maven:3.9-eclipse-temurin-21 AS b
WORKDIR /w
COPY . .
RUN mvn package
             FROM eclipse-temurin:21-jre
COPY --from=b /w/target/app.jar /app.jar
",
    );
    assert_eq!(jar.bytes, facts::JAVA_JAR.bytes, "{}", jar.basis);
}

#[test]
fn code_checks_write_nothing_of_note() {
    for run in ["npm test", "yarn lint", "pnpm run typecheck", "pytest -q"] {
        let e = est(&format!("FROM node:20-alpine\nRUN {run}\n"));
        let l = e.layers.last().unwrap();
        assert!(l.estimated && l.bytes == 0, "{run}: {}", l.basis);
    }
    let e = est("FROM node:20-alpine\nRUN npm run deploy\n");
    assert!(!e.layers.last().unwrap().estimated);
}

#[test]
fn laravel_caches_are_small_and_migrations_unknown() {
    let e = est("FROM php:8.2-fpm\nRUN php artisan config:cache && php artisan route:cache\n");
    let l = e.layers.last().unwrap();
    assert!(l.estimated && l.bytes == 0, "{}", l.basis);
    let e = est("FROM php:8.2-fpm\nRUN php artisan migrate --force\n");
    assert!(!e.layers.last().unwrap().estimated);
}

#[test]
fn a_copy_of_a_subfolder_where_unmodelled_steps_ran_says_so_and_branches_are_bounds() {
    let e = est(
        "FROM ruby:3.3 AS b\nWORKDIR /rails\nCOPY . .\nRUN ./bin/rails assets:precompile\n\
             FROM nginx:alpine\nCOPY --from=b /rails/public/assets /usr/share/nginx/html\n",
    );
    let l = e.layers.last().unwrap();
    assert!(
        l.basis.contains("`./bin/rails` (line 4) in /rails wrote"),
        "{}",
        l.basis
    );
    // Both branches of an if are counted: the layer says it is an upper bound.
    let e = est("FROM debian:bookworm-slim\nRUN if [ \"$X\" = 1 ]; then apt-get update && apt-get install -y curl; else apt-get update && apt-get install -y wget; fi\n");
    let l = e.layers.last().unwrap();
    assert!(l.basis.contains("an upper bound"), "{}", l.basis);
}

#[test]
fn django_collectstatic_copies_the_admin_static_files() {
    let e = est("FROM python:3.12-slim\nRUN python manage.py collectstatic --noinput\n");
    let l = e.layers.last().unwrap();
    assert!(l.estimated, "{}", l.basis);
    assert_eq!(l.bytes, facts::DJANGO_COLLECTSTATIC.bytes);
    let e = est("FROM python:3.12-slim\nRUN python manage.py runserver\n");
    assert!(!e.layers.last().unwrap().estimated);
}

#[test]
fn composer_from_its_installer_is_its_phar() {
    for run in [
            "curl -sS https://getcomposer.org/installer | php -- --install-dir=/usr/local/bin --filename=composer",
            "php -r \"copy('https://getcomposer.org/installer', 'composer-setup.php');\" && php composer-setup.php && php -r \"unlink('composer-setup.php');\" && mv composer.phar /usr/local/bin/composer",
            "wget https://getcomposer.org/download/2.0.8/composer.phar && mv composer.phar /usr/bin/composer && chmod +x /usr/bin/composer",
        ] {
            let e = est(&format!("FROM php:8.2-cli\nRUN {run}\n"));
            let l = e.layers.last().unwrap();
            assert!(l.estimated, "{run}: {}", l.basis);
            assert_eq!(l.bytes, facts::COMPOSER_PHAR.bytes, "{run}: {}", l.basis);
        }
    // `php` elsewhere is still not modelled.
    let e = est("FROM php:8.2-cli\nRUN php bin/console cache:warmup\n");
    assert!(!e.layers.last().unwrap().estimated);
}

#[test]
fn a_next_build_leaves_its_parts_of_dot_next() {
    // Without output: "standalone" (no COPY of it), `.next` is the server bundles, the
    // static files and the build cache; its static part alone is what it is.
    let df = |copy: &str| {
        format!(
            "FROM node:20-alpine AS b\nWORKDIR /app\nCOPY . .\nRUN npm ci && npx next build\n\
                 FROM node:20-alpine\nWORKDIR /app\n{copy}CMD [\"npx\", \"next\", \"start\"]\n"
        )
    };
    let whole = est(&df("COPY --from=b /app/.next ./.next\n"));
    let l = &whole.layers[whole.layers.len() - 2];
    assert_eq!(
        l.bytes,
        facts::NEXT_STATIC.bytes + facts::NEXT_CACHE.bytes + facts::NEXT_SERVER.bytes,
        "{}",
        l.basis
    );
    let st = est(&df("COPY --from=b /app/.next/static ./.next/static\n"));
    assert_eq!(
        st.layers[st.layers.len() - 2].bytes,
        facts::NEXT_STATIC.bytes
    );
    // The user's size stands for the whole folder.
    let text = df("COPY --from=b /app/.next ./.next\n");
    let p = syntax::parse(&text);
    let m = Model::build(&p);
    let a = Assumptions {
        artifact_bytes: Some(50_000_000),
        ..Default::default()
    };
    let e = estimate(&text, &p, &m, &a);
    let b = e.layers[e.layers.len() - 2].bytes;
    assert!((49_999_990..=50_000_000).contains(&b), "{b}");
}

#[test]
fn uv_sync_installs_into_the_project_venv_that_copy_from_takes() {
    let e = est(
        "FROM ghcr.io/astral-sh/uv:python3.12-bookworm-slim AS b\nWORKDIR /app\n\
             RUN --mount=type=bind,source=uv.lock,target=uv.lock uv sync --frozen --no-dev\n\
             FROM python:3.12-slim-bookworm\nCOPY --from=b /app/.venv /app/.venv\n",
    );
    let l = e.layers.last().unwrap();
    assert!(l.estimated && l.bytes > 1_000_000, "{}", l.basis);
}

#[test]
fn globs_of_manifest_names_are_small_files() {
    for f in [
        "Gemfile*",
        "yarn.lock*",
        "package*.json",
        "*.csproj",
        "Pipfile*",
    ] {
        assert!(looks_like_file(f), "{f}");
    }
    for d in ["src*", "*", "app/*", "lib/"] {
        assert!(!looks_like_file(d), "{d}");
    }
    let e = est("FROM ruby:3.3\nCOPY Gemfile* package.json yarn.lock ./\n");
    assert_eq!(e.layers.last().unwrap().bytes, 3 * facts::SMALL_FILE.bytes);
}

#[test]
fn a_cloned_go_project_downloads_its_modules() {
    let e = est("FROM golang:1.22\nRUN git clone https://example.com/app.git /src && cd /src && go build -o /app .\n");
    let l = e.layers.last().unwrap();
    assert!(
        l.basis.contains("downloads go.sum's modules"),
        "{}",
        l.basis
    );
}

#[test]
fn a_jar_copied_from_the_context_is_the_built_program() {
    // Spring's "Spring Boot with Docker" guide.
    let e = est("FROM eclipse-temurin:17-jdk-alpine\nARG JAR_FILE=target/*.jar\nCOPY ${JAR_FILE} app.jar\nENTRYPOINT [\"java\",\"-jar\",\"/app.jar\"]\n");
    let l = &e.layers[2];
    assert_eq!(l.bytes, facts::JAVA_JAR.bytes, "{}", l.basis);
}

#[test]
fn composer_installs_the_development_packages_unless_told_not_to() {
    // The last layer holds vendor/ and Composer's cache, a share of it.
    let vendor = |t: &str| {
        let l = est(t).layers.last().unwrap().clone();
        let k = facts::COMPOSER_CACHE_PER_VENDOR.bytes;
        (l.bytes * 1000 / (1000 + k), l.basis)
    };
    let dev = facts::COMPOSER_VENDOR_WITH_DEV.bytes;
    let prod = facts::COMPOSER_VENDOR.bytes;
    for (t, want) in [
        ("FROM php:8.3-fpm\nRUN composer install\n", dev),
        ("FROM php:8.3-fpm\nRUN composer install --no-dev\n", prod),
        (
            "FROM php:8.3-fpm\nENV COMPOSER_NO_DEV=1\nRUN composer install\n",
            prod,
        ),
        (
            "FROM php:8.3-fpm\nRUN COMPOSER_NO_DEV=0 composer install\n",
            dev,
        ),
        (
            "FROM php:8.3-fpm\nRUN composer require --update-no-dev a/b\n",
            prod,
        ),
    ] {
        let (b, basis) = vendor(t);
        assert!(b.abs_diff(want) <= 1, "{t}: {b} vs {want}: {basis}");
    }
    let (_, basis) = vendor("FROM php\nRUN composer install\n");
    assert!(basis.contains("with the development ones"), "{basis}");
}

#[test]
fn composer_keeps_its_download_cache_unless_told_not_to() {
    let v = facts::COMPOSER_VENDOR.bytes;
    let cache = v * facts::COMPOSER_CACHE_PER_VENDOR.bytes / 1000;
    let last = |t: &str| est(t).layers.last().unwrap().clone();
    let l = last("FROM php:8.3-fpm\nWORKDIR /app\nRUN composer install --no-dev\n");
    assert_eq!(l.bytes, v + cache, "{}", l.basis);
    assert!(l.basis.contains("/root/.cache/composer"), "{}", l.basis);
    // The composer image keeps it under COMPOSER_HOME=/tmp.
    let l = last("FROM composer:2\nRUN composer install\n");
    assert!(l.basis.contains("kept in /tmp/cache"), "{}", l.basis);
    for t in [
        "FROM php\nRUN composer install && composer clear-cache\n",
        "FROM php\nRUN composer install --no-dev --no-cache\n",
        "FROM php\nRUN COMPOSER_CACHE_DIR=/dev/null composer install\n",
        "FROM php\nENV COMPOSER_HOME=/composer\nRUN composer install && rm -rf /composer/cache\n",
        "FROM composer:2\nRUN composer install && rm -rf /tmp/cache\n",
        "FROM php\nRUN composer install && rm -rf ~/.cache/composer ~/.composer/cache\n",
        "FROM php\nRUN --mount=type=cache,target=/root/.cache/composer composer install\n",
    ] {
        let dev = !t.contains("--no-dev");
        let want = if dev {
            facts::COMPOSER_VENDOR_WITH_DEV.bytes
        } else {
            v
        };
        assert_eq!(last(t).bytes, want, "{t}");
    }
}

#[test]
fn a_cargo_lock_copied_on_its_own_means_dependencies_and_strip_shrinks_the_binary() {
    let df = |strip: &str| {
        format!(
            "FROM rust:1.75 AS b\nWORKDIR /app\nCOPY Cargo.toml Cargo.lock ./\nCOPY src src\n\
                 RUN cargo build --release\n{strip}FROM debian:bookworm-slim\n\
                 COPY --from=b /app/target/release/app /app\n"
        )
    };
    let plain = est(&df(""));
    let l = plain.layers.last().unwrap();
    assert_eq!(l.bytes, facts::RUST_STARTER_BINARY.bytes, "{}", l.basis);
    let stripped = est(&df("RUN strip target/release/app\n"));
    let l = stripped.layers.last().unwrap();
    assert_eq!(
        l.bytes,
        facts::RUST_STARTER_BINARY.bytes * 343_408 / 445_904,
        "{}",
        l.basis
    );
    // A dummy build that caches the dependencies, then the real one: the second
    // writes over the first's program, which is copied (and stripped) once.
    let twice = est(&df(
        "COPY . .\nRUN cargo build --release\nRUN strip target/release/app\n",
    ));
    assert_eq!(
        twice.layers.last().unwrap().bytes,
        stripped.layers.last().unwrap().bytes,
        "{}",
        twice.layers.last().unwrap().basis
    );
    // A whole directory copied says nothing about dependencies: hello world's size.
    let hello = est(
        "FROM rust:1.75 AS b\nWORKDIR /app\nCOPY . .\nRUN cargo build --release\n\
                         FROM scratch\nCOPY --from=b /app/target/release/hello /hello\n",
    );
    assert_eq!(hello.layers.last().unwrap().bytes, facts::RUST_BINARY.bytes);
    // `strip` of something the estimate did not build is left alone.
    let other = est("FROM debian:bookworm-slim\nRUN strip /usr/bin/foo\n");
    assert!(!other
        .layers
        .last()
        .unwrap()
        .basis
        .contains("without symbols"));
}

#[test]
fn older_toolchains_keep_the_standard_librarys_debuginfo_and_dev_builds_are_larger() {
    let at = est_as_of;
    let df = |from: &str, build: &str, after: &str| {
        format!(
            "FROM {from} AS b\nWORKDIR /app\nCOPY . .\nRUN {build}\n{after}FROM scratch\n\
                 COPY --from=b /app/target/release/hello /hello\n"
        )
    };
    let hello = facts::RUST_BINARY.bytes;
    let debuginfo = facts::RUST_STD_DEBUGINFO;
    let last = |e: Estimate| e.layers.last().unwrap().clone();
    // Rust 1.50 named by the tag: the debuginfo is in; `strip` takes it out again.
    let old = last(at(&df("rust:1.50", "cargo build --release", ""), None));
    assert_eq!(old.bytes, hello + debuginfo, "{}", old.basis);
    assert!(old.basis.contains("debuginfo"), "{}", old.basis);
    let stripped = last(at(
        &df(
            "rust:1.50",
            "cargo build --release",
            "RUN strip target/release/hello\n",
        ),
        None,
    ));
    assert_eq!(stripped.bytes, hello * 343_408 / 445_904);
    // The range's low end is a binary with the debuginfo too, stripped the same way.
    assert_eq!(old.low, facts::RUST_BINARY.low + debuginfo);
    assert_eq!(stripped.low, facts::RUST_BINARY.low * 343_408 / 445_904);
    // A digest-pinned tag still names its release.
    let pinned = last(at(
        &df("rust:1.50@sha256:0123abcd", "cargo build --release", ""),
        None,
    ));
    assert_eq!(pinned.bytes, old.bytes);
    // 1.59–1.76: Cargo.toml may strip, so only the range's top holds it.
    let mid = last(at(&df("rust:1.70-slim", "cargo build --release", ""), None));
    assert_eq!(mid.bytes, hello);
    assert_eq!(mid.high, facts::RUST_BINARY.high + debuginfo);
    // An image that names no version: the date the estimate is made as of.
    let ekidd = df("ekidd/rust-musl-builder", "cargo build --release", "");
    assert_eq!(last(at(&ekidd, Some("2019"))).bytes, hello + debuginfo);
    assert_eq!(last(at(&ekidd, Some("2023-09"))).bytes, hello);
    assert_eq!(
        last(at(&ekidd, Some("2024-06"))).high,
        facts::RUST_BINARY.high
    );
    assert_eq!(last(at(&ekidd, None)).bytes, hello);
    // Told what to strip: the linker's -s or rustc's strip=symbols take the symbols too
    // (and a later `strip` finds nothing more); strip=debuginfo only the debuginfo;
    // strip=none keeps it even today.
    let told = |build: &str, from: &str, after: &str| last(at(&df(from, build, after), None)).bytes;
    let symbols = hello * 343_408 / 445_904;
    assert_eq!(
        told(
            "RUSTFLAGS='-C link-arg=-s' cargo build --release",
            "rust:1.50",
            ""
        ),
        symbols
    );
    assert_eq!(
        told(
            "RUSTFLAGS=\"-Cstrip=symbols\" cargo build --release",
            "rust:1.50",
            "RUN strip target/release/hello\n"
        ),
        symbols
    );
    assert_eq!(
        told(
            "CARGO_PROFILE_RELEASE_STRIP=debuginfo cargo build --release",
            "rust:1.50",
            ""
        ),
        hello
    );
    assert_eq!(
        told(
            "RUSTFLAGS='-C strip=none' cargo build --release",
            "rust:1.90",
            ""
        ),
        hello + debuginfo
    );
    assert_eq!(
        told(
            "CARGO_PROFILE_RELEASE_STRIP=false cargo build -r",
            "rust:1.90",
            ""
        ),
        hello + debuginfo
    );
    // The profile a command builds: --profile release and -r are release builds.
    assert_eq!(
        told("cargo build --profile release", "rust:1.90", ""),
        hello
    );
    // The dev profile: its binary, in target/debug, and its larger target/.
    let dev = at(
        "FROM rust:1.80 AS b\nWORKDIR /app\nCOPY . .\nRUN cargo build\n\
             FROM scratch\nCOPY --from=b /app/target/debug/hello /hello\n",
        None,
    );
    assert_eq!(last(dev).bytes, facts::RUST_BINARY_DEBUG.bytes);
    let single = at(
        "FROM rust:1.80\nWORKDIR /app\nCOPY . .\nRUN cargo build\n",
        None,
    );
    let l = last(single);
    assert_eq!(
        l.bytes,
        facts::RUST_BINARY_DEBUG.bytes
            + facts::RUST_TARGET_DIR_DEBUG.bytes
            + facts::RUST_REGISTRY.bytes,
        "{}",
        l.basis
    );
    assert!(l.basis.contains("dev profile"), "{}", l.basis);
    let dev_stripped = at(
            "FROM rust:1.80 AS b\nWORKDIR /app\nCOPY . .\nRUN cargo build --profile dev\n\
             RUN strip target/debug/hello\nFROM scratch\nCOPY --from=b /app/target/debug/hello /hello\n",
            None,
        );
    assert_eq!(
        last(dev_stripped).bytes,
        facts::RUST_BINARY_DEBUG.bytes * 3_008_424 / 26_997_584
    );
    // A second `strip` keeps what the first left.
    let twice = last(at(
        &df(
            "rust:1.50",
            "cargo build --release",
            "RUN strip target/release/hello && strip target/release/hello\n",
        ),
        None,
    ));
    assert_eq!(twice.bytes, stripped.bytes);
}

#[test]
fn harmless_commands_do_not_make_a_download_known() {
    let e =
        est("FROM alpine:3.19\nRUN export V=1 && cd /opt && curl -sS https://x/a.tgz | tar xz\n");
    let l = e.layers.last().unwrap();
    assert!(!l.estimated, "{}", l.basis);
    assert_eq!(e.unestimated, 1);
    let quiet = est("FROM alpine:3.19\nRUN mkdir -p /data && echo ok\n");
    let l = quiet.layers.last().unwrap();
    assert!(l.estimated && l.bytes == 0, "{}", l.basis);
    // Version checks, text tools, checksums and the shell's own syntax (assignments,
    // loop and case keywords, case patterns) add nothing; a download in a case arm
    // stays unknown.
    for run in [
        "java -version && javac --version && mvn -v",
        "sed -i 's/a/b/' /etc/x.conf && echo 'k=v' | tee -a /etc/y.conf",
        "echo \"$SUM  /tmp/a\" | sha256sum -c -",
        "arch=\"$(uname -m)\"; case \"$arch\" in x86_64) SUM=1 ;; *) echo no; exit 1 ;; esac",
        "for f in a b; do echo $f; done",
    ] {
        let e = est(&format!("FROM alpine:3.19\nRUN {run}\n"));
        let l = e.layers.last().unwrap();
        assert!(l.estimated && l.bytes == 0, "{run}: {}", l.basis);
    }
    let e = est(
        "FROM alpine:3.19\nRUN case \"$a\" in x86_64) wget -O /tmp/j.tgz https://x/j.tgz ;; esac\n",
    );
    assert!(!e.layers.last().unwrap().estimated);
}

/// A Node app on `base` that installs its package.json with npm, then `tail`.
fn npm_app(base: &str, tail: &str) -> String {
    format!("FROM {base}\nWORKDIR /app\nCOPY package*.json ./\nRUN npm install && rm -rf /root/.npm\nCOPY . .\n{tail}")
}

#[test]
fn a_node_server_run_from_source_takes_the_surveyed_servers() {
    let df = |tail: &str| npm_app("node:20-slim", tail);
    for tail in [
        "CMD [\"node\", \"app.js\"]\n",
        "CMD node server.mjs\n",
        "ENTRYPOINT [\"/usr/local/bin/node\", \"src/index.js\"]\n",
    ] {
        let e = est(&df(tail));
        assert_eq!(e.layers[3].bytes, facts::NPM_SERVER_APP.bytes, "{tail}");
    }
    // A build step or a built entry point is another kind of app: the general default.
    for tail in [
        "RUN npm run build\nCMD [\"node\", \"dist/main.js\"]\n",
        "CMD [\"node\", \"dist/main.js\"]\n",
        "CMD [\"npm\", \"start\"]\n",
    ] {
        let e = est(&df(tail));
        assert_eq!(
            e.layers[3].bytes,
            facts::NPM_APP_DEPENDENCIES_WITH_DEV.bytes,
            "{tail}"
        );
    }
}

#[test]
fn a_front_end_takes_the_surveyed_front_ends() {
    let df = |tail: &str| npm_app("node:20-alpine", tail);
    for tail in [
        "RUN npm run build\nCMD [\"npx\", \"serve\", \"-s\", \"build\"]\n",
        "RUN npm run build\nRUN npm install -g http-server\nCMD [\"http-server\", \"dist\"]\n",
        "RUN npx vite build\n",
    ] {
        let e = est(&df(tail));
        let l = &e.layers[3];
        assert_eq!(l.bytes, facts::NPM_FRONTEND_APP_WITH_DEV.bytes, "{tail}");
        assert!(l.basis.contains("front ends"), "{tail}: {}", l.basis);
    }
    // A build copied into nginx's html folder is a front end's.
    let nginx =
        df("RUN npm run build\nFROM nginx:alpine\nCOPY --from=0 /app/dist /usr/share/nginx/html\n");
    assert_eq!(NodeApp::of(&nginx.to_lowercase()), NodeApp::FrontEnd);
    assert_eq!(NodeApp::of("run npx ng build --prod\n"), NodeApp::FrontEnd);
    // Words that merely end in "ng" before "build", and comments, are not a front end.
    for text in [
        "# copying build output\ncmd node build/server.js\n",
        "run echo running build\ncmd [\"node\", \"dist/main.js\"]\n",
    ] {
        assert_eq!(NodeApp::of(text), NodeApp::Median, "{text}");
    }
    let e = est(
        &df("RUN npm run build\nCMD [\"npx\", \"serve\", \"-s\", \"build\"]\n")
            .replace("npm install", "npm ci --omit=dev"),
    );
    assert_eq!(e.layers[3].bytes, facts::NPM_FRONTEND_APP.bytes);
}

#[test]
fn go_modules_take_the_stated_default_once() {
    let e =
        est("FROM golang:1.22\nCOPY go.mod go.sum ./\nRUN go mod download\nRUN go mod download\n");
    assert_eq!(
        e.layers[2].bytes,
        facts::GO_MODULE_CACHE.bytes,
        "{}",
        e.layers[2].basis
    );
    assert_eq!(e.layers[3].bytes, 0);
    assert_eq!(e.unestimated, 0);
    // Without a go.sum there is nothing to download.
    let n = est("FROM golang:1.22\nCOPY go.mod ./\nRUN go mod download\n");
    assert_eq!(n.layers[2].bytes, 0);
}

#[test]
fn go_build_of_a_module_with_go_sum_fetches_its_modules_and_takes_the_starters_figures() {
    for (df, want, why) in [
            (
                "FROM golang:1.22\nWORKDIR /src\nCOPY . .\nRUN go build -o /app\n",
                facts::GO_MODULE_CACHE.bytes
                    + facts::GO_STARTER_BINARY.bytes
                    + facts::GO_STARTER_BUILD_CACHE.bytes,
                "no `go mod download`: the build fetches go.sum's modules itself",
            ),
            (
                "FROM golang:1.19\nCOPY go.mod go.sum ./\nRUN go mod download\nCOPY . .\nRUN go build -o /app\n",
                facts::GO_STARTER_BINARY.bytes + facts::GO_STARTER_BUILD_CACHE_PRE_1_20.bytes,
                "counted once per stage: after `go mod download` no second cache",
            ),
            (
                "FROM golang:1.22\nCOPY go.mod .\nRUN go mod download\nCOPY . .\nRUN go build -o /app\n",
                facts::GO_BINARY.bytes + facts::GO_BUILD_CACHE.bytes,
                "go.mod copied alone says there is no go.sum: a program without modules",
            ),
        ] {
            let e = est(df);
            let l = e.layers.last().unwrap();
            assert_eq!(l.bytes, want, "{why}: {}", l.basis);
        }
    // Vendored modules, GOPATH mode or a cache mount: nothing downloaded into the image.
    for df in [
        "FROM golang:1.22\nCOPY . .\nRUN go build -mod=vendor -o /app\n",
        "FROM golang:1.22\nENV GO111MODULE=off\nCOPY . .\nRUN go build -o /app\n",
        "FROM golang:1.22\nCOPY . .\nRUN --mount=type=cache,target=/go/pkg/mod go build -o /app\n",
    ] {
        let l = est(df).layers.last().unwrap().clone();
        assert!(!l.basis.contains("downloads go.sum"), "{df}: {}", l.basis);
    }
}

#[test]
fn ca_certificates_copied_as_a_directory_are_the_bundle() {
    let e = est("FROM debian:bookworm-slim AS b\nFROM scratch\nCOPY --from=b /etc/ssl/certs/ /etc/ssl/certs\n");
    let l = &e.layers[1];
    assert!(l.estimated, "{}", l.basis);
    assert_eq!(l.bytes, facts::CA_BUNDLE.bytes);
}

#[test]
fn compressed_layers_and_containerd_disk_usage() {
    // debian:bookworm-slim: the table's remote/ figure is the compressed size.
    let e = est("FROM debian:bookworm-slim\n");
    assert!(
        e.compressed > 28_000_000 && e.compressed < 28_500_000,
        "{}",
        e.compressed
    );
    assert_eq!(e.containerd_disk_usage().0, e.bytes + e.compressed);
    // An added layer of files gzips to about a third; a .jar barely shrinks.
    let e = est("FROM scratch\nCOPY app /app\nCOPY app.jar /app.jar\n");
    let (files, jar) = (&e.layers[1], &e.layers[2]);
    assert_eq!(files.compressed, files.bytes * 340 / 1000);
    assert_eq!(jar.compressed, jar.bytes * 950 / 1000);
    assert!(e.compressed_low <= e.compressed && e.compressed <= e.compressed_high);
    // A stage used as a base carries its compressed layers along.
    let e = est("FROM debian:bookworm-slim AS b\nRUN apt-get update && apt-get install -y curl && rm -rf /var/lib/apt/lists/*\nFROM b\n");
    let first = est("FROM debian:bookworm-slim\nRUN apt-get update && apt-get install -y curl && rm -rf /var/lib/apt/lists/*\n");
    assert_eq!(e.compressed, first.compressed);
}

#[test]
fn paths_normalise() {
    assert_eq!(join_path("/build", "main"), "/build/main");
    assert_eq!(join_path("/build", "/main"), "/main");
    assert_eq!(join_path("/", "./a/../b"), "/b");
}

#[test]
fn unknown_base_is_not_estimated_rather_than_zero() {
    let e = est("FROM example.com/nothing:1\nRUN ./install.sh\n");
    assert_eq!(e.unestimated, 2);
    assert_eq!(e.bytes, 0);
}

fn publish(line: &str) -> DotnetPublish {
    let cmds = model::commands(line);
    dotnet_publish(&cmds[0]).expect("a dotnet publish")
}

#[test]
fn reads_dotnet_publish_flags() {
    let p = publish("dotnet publish --sc -p PublishTrimmed=true -o /app");
    assert_eq!(p.self_contained, Some(true));
    assert!(p.trimmed && !p.aot);
    assert_eq!(p.output.as_deref(), Some("/app"));
    let p = publish("dotnet publish --self-contained false --no-restore -o /app");
    assert_eq!(p.self_contained, Some(false));
    let p = publish("dotnet publish -c Release -r linux-musl-x64 \"/p:PublishAot=true;StripSymbols=true\" --output=/out");
    assert!(p.aot && p.runtime && p.self_contained.is_none());
    assert_eq!(p.output.as_deref(), Some("/out"));
    let p = publish("dotnet publish --self-contained -p:SelfContained=false");
    assert_eq!(p.self_contained, Some(false));
}

#[test]
fn a_publish_folder_built_on_the_host_is_sized_by_kind() {
    assert_eq!(
        host_dotnet_publish("/bin/Release/netcoreapp2.1/linux-x64/publish/"),
        Some((Some(2), true))
    );
    assert_eq!(
        host_dotnet_publish("bin/Release/net8.0/publish"),
        Some((Some(8), false))
    );
    assert_eq!(host_dotnet_publish("publish/"), None);
    assert_eq!(host_dotnet_publish("src/publish/app.dll"), None);
    let last = |t: &str| est(t).layers.last().unwrap().clone();
    // A runtime identifier before .NET 8: self-contained, the runtime included.
    let l = last("FROM ubuntu:18.04\nCOPY /bin/Release/netcoreapp2.1/linux-x64/publish/ .\n");
    let rt = facts::DOTNET_RUNTIME.bytes + facts::DOTNET_APP_FRAMEWORK_DEPENDENT.bytes;
    assert_eq!(l.bytes, rt, "{}", l.basis);
    assert!(l.basis.contains("built outside the image"), "{}", l.basis);
    // Framework-dependent on the runtime image: the app's own assemblies.
    let l = last(
        "FROM mcr.microsoft.com/dotnet/aspnet:8.0\nCOPY bin/Release/net8.0/linux-x64/publish/ .\n",
    );
    assert_eq!(
        l.bytes,
        facts::DOTNET_APP_FRAMEWORK_DEPENDENT.bytes,
        "{}",
        l.basis
    );
    // .NET 8 with a runtime identifier on runtime-deps must carry its runtime.
    let l = last("FROM mcr.microsoft.com/dotnet/runtime-deps:8.0\nEXPOSE 8080\nCOPY bin/Release/net8.0/linux-x64/publish/ .\n");
    let web = facts::DOTNET_ASPNET_RUNTIME.bytes + facts::DOTNET_APP_FRAMEWORK_DEPENDENT.bytes;
    assert_eq!(l.bytes, web, "{}", l.basis);
}

#[test]
fn dotnet_publish_output_is_sized_by_kind() {
    let file = |publish: &str, sdk: &str| {
        format!(
                "FROM mcr.microsoft.com/dotnet/sdk:{sdk} AS build\nWORKDIR /source\nCOPY . .\nRUN {publish}\n\
                 FROM mcr.microsoft.com/dotnet/runtime-deps:8.0-jammy-chiseled\nCOPY --from=build /app .\n"
            )
    };
    let app = |publish: &str, sdk: &str| {
        let e = est(&file(publish, sdk));
        let l = e.layers.last().unwrap().clone();
        assert!(l.estimated, "{publish}: {}", l.basis);
        l.bytes
    };
    let trimmed = app("dotnet publish --sc -p:PublishTrimmed=true -o /app", "8.0");
    assert_eq!(trimmed, facts::DOTNET_SELF_CONTAINED_TRIMMED.bytes);
    // Before .NET 8 the trimmer kept more.
    assert_eq!(
        app("dotnet publish --sc -p:PublishTrimmed=true -o /app", "5.0"),
        facts::DOTNET_SELF_CONTAINED_TRIMMED_PRE_8.bytes
    );
    assert_eq!(
        app(
            "dotnet publish -r linux-x64 -p:PublishAot=true -o /app",
            "8.0"
        ),
        facts::DOTNET_NATIVE_AOT.bytes
    );
    // Framework-dependent: only the app's own assemblies.
    assert_eq!(
        app("dotnet publish -c Release -o /app", "8.0"),
        facts::DOTNET_APP_FRAMEWORK_DEPENDENT.bytes
    );
    // A runtime identifier made the publish self-contained before .NET 8; not since.
    let untrimmed = app("dotnet publish -r linux-x64 -o /app", "6.0");
    assert_eq!(
        untrimmed,
        facts::DOTNET_RUNTIME.bytes + facts::DOTNET_APP_FRAMEWORK_DEPENDENT.bytes
    );
    assert_eq!(
        app("dotnet publish -r linux-x64 -o /app", "8.0"),
        facts::DOTNET_APP_FRAMEWORK_DEPENDENT.bytes
    );
    // The default output folder is found under bin/.
    let e = est("FROM mcr.microsoft.com/dotnet/sdk:8.0 AS build\nWORKDIR /src\nCOPY . .\nRUN dotnet publish -c Release --sc -p:PublishTrimmed=true\n\
             FROM mcr.microsoft.com/dotnet/runtime-deps:8.0\nCOPY --from=build /src/bin/Release/net8.0/linux-x64/publish /app\n");
    assert_eq!(e.layers.last().unwrap().bytes, trimmed);
}

#[test]
fn package_scripts_named_like_builds_are_builds() {
    let cmd = |t: &str| model::commands(t).into_iter().next().unwrap();
    for (line, build) in [
        ("npm run build", true),
        ("npm run build:prod", true),
        ("npm run-script compile", true),
        ("yarn app:build", true),
        ("yarn build", true),
        ("pnpm run dist", true),
        ("yarn install", false),
        ("npm run start", false),
        ("npm run rebuild", false),
        ("yarn lint", false),
    ] {
        assert_eq!(frontend_build(&cmd(line)), build, "{line}");
    }
}

#[test]
fn cargo_new_is_a_measured_skeleton() {
    let e = est("FROM rust:1.80\nRUN USER=root cargo new --bin app\n");
    let l = &e.layers[1];
    assert!(l.estimated && !l.partial, "{}", l.basis);
    assert_eq!(l.bytes, facts::CARGO_NEW_PROJECT.bytes);
}

#[test]
fn javac_writes_a_class_file_a_later_stage_can_copy() {
    let e = est(
        "FROM openjdk:17 AS b\nWORKDIR /hello\nCOPY Hello.java .\nRUN javac Hello.java\n\
                     FROM openjdk:17-jre\nCOPY --from=b /hello/Hello.class /app/\n",
    );
    let l = e.layers.last().unwrap();
    assert!(l.estimated, "{}", l.basis);
    assert_eq!(l.bytes, facts::JAVA_CLASS_FILE.bytes);
    let e = est(
        "FROM openjdk:17 AS b\nCOPY src src\nRUN javac -d /out $(find src -name '*.java')\n\
                     FROM openjdk:17-jre\nCOPY --from=b /out /app/\n",
    );
    assert!(
        e.layers.last().unwrap().estimated,
        "{}",
        e.layers.last().unwrap().basis
    );
}

#[test]
fn java_and_frontend_builds_leave_sized_outputs() {
    let e = est("FROM maven:3.9-eclipse-temurin-17 AS build\nWORKDIR /src\nCOPY . .\nRUN mvn -B package -DskipTests\n\
             FROM eclipse-temurin:17-jre\nCOPY --from=build /src/target/*.jar /app.jar\n");
    let jar = e.layers.last().unwrap();
    assert!(jar.estimated, "{}", jar.basis);
    assert_eq!(jar.bytes, facts::JAVA_JAR.bytes);
    // Built in the final stage, the Maven repository is there too (a published default
    // until the user says), and the wrapper's Maven distribution; counted once a stage.
    let single = est("FROM maven:3.9-eclipse-temurin-17\nWORKDIR /src\nCOPY . .\nRUN ./mvnw dependency:go-offline\nRUN ./mvnw package\n");
    let offline = &single.layers[3];
    assert!(offline.basis.contains("~/.m2"), "{}", offline.basis);
    assert!(
        offline.basis.contains("Downloaded dependencies"),
        "{}",
        offline.basis
    );
    assert_eq!(
        offline.bytes,
        facts::MAVEN_REPOSITORY.bytes + facts::MAVEN_WRAPPER_DIST.bytes
    );
    assert_eq!(single.layers[4].bytes, facts::JAVA_JAR.bytes);
    // A repository copied out of a build stage is the same default.
    let copied = est(
        "FROM maven:3.9-eclipse-temurin-17 AS b\nRUN mvn dependency:go-offline\n\
             FROM eclipse-temurin:17-jdk\nCOPY --from=b /root/.m2 /root/.m2\n",
    );
    let l = copied.layers.last().unwrap();
    assert!(l.estimated, "{}", l.basis);
    assert_eq!(l.bytes, facts::MAVEN_REPOSITORY.bytes);
    // A cache mount keeps it out of the image.
    let mounted = est(
        "FROM maven:3.9-eclipse-temurin-17\nRUN --mount=type=cache,target=/root/.m2 mvn package\n",
    );
    assert_eq!(mounted.layers.last().unwrap().bytes, facts::JAVA_JAR.bytes);
    // gradlew brings its distribution; NuGet has its own default.
    let gw = est("FROM eclipse-temurin:17-jdk\nCOPY . .\nRUN ./gradlew bootJar\n");
    assert_eq!(
        gw.layers.last().unwrap().bytes,
        facts::MAVEN_REPOSITORY.bytes + facts::GRADLE_WRAPPER_DIST.bytes + facts::JAVA_JAR.bytes
    );
    let nuget = est("FROM mcr.microsoft.com/dotnet/sdk:8.0\nCOPY *.csproj .\nRUN dotnet restore\n");
    assert_eq!(
        nuget.layers.last().unwrap().bytes,
        facts::NUGET_PACKAGES.bytes
    );
    let g = est("FROM gradle:8-jdk17 AS b\nWORKDIR /home/gradle/src\nCOPY . .\nRUN gradle bootJar --no-daemon\n\
             FROM eclipse-temurin:17-jre\nCOPY --from=b /home/gradle/src/build/libs/app.jar /app.jar\n");
    assert_eq!(g.layers.last().unwrap().bytes, facts::JAVA_JAR.bytes);
    let web = est(
        "FROM node:22-alpine AS b\nWORKDIR /app\nCOPY . .\nRUN npm ci && npm run build\n\
             FROM nginx:alpine\nCOPY --from=b /app/dist /usr/share/nginx/html\n",
    );
    let dist = web.layers.last().unwrap();
    assert!(dist.estimated, "{}", dist.basis);
    assert_eq!(dist.bytes, facts::FRONTEND_BUILD.bytes);
    // Bundler's gems: a sourced default until the user says, then theirs.
    let text =
        "FROM ruby:3.3-slim\nWORKDIR /app\nCOPY Gemfile Gemfile.lock ./\nRUN bundle install\n";
    let p = syntax::parse(text);
    let m = Model::build(&p);
    let default = estimate(text, &p, &m, &Assumptions::default());
    let l = default.layers.last().unwrap();
    assert!(l.estimated);
    assert_eq!(l.bytes, facts::RUBY_APP_GEMS.bytes, "{}", l.basis);
    let a = Assumptions {
        dependencies_bytes: Some(50_000_000),
        ..Default::default()
    };
    let known = estimate(text, &p, &m, &a);
    assert_eq!(known.layers.last().unwrap().bytes, 50_000_000);
    // A Rails app: its production gems when the development and test groups are left
    // out, all of them otherwise; deleting the .gem cache in the same RUN saves its share.
    let prod = "FROM ruby:3.3\nENV BUNDLE_WITHOUT=development:test\nRUN bundle install\nCMD bin/rails server\n";
    let p = syntax::parse(prod);
    let m = Model::build(&p);
    let e = estimate(prod, &p, &m, &Assumptions::default());
    assert_eq!(e.layers[2].bytes, facts::RAILS_GEMS_PRODUCTION.bytes);
    let dev = prod.replace("ENV BUNDLE_WITHOUT=development:test\n", "");
    let p = syntax::parse(&dev);
    let m = Model::build(&p);
    let e = estimate(&dev, &p, &m, &Assumptions::default());
    assert_eq!(e.layers[1].bytes, facts::RAILS_GEMS_ALL_GROUPS.bytes);
    // An empty BUNDLE_WITHOUT (an ARG never set) leaves no group out; `--without` and
    // `bundle config set without` do.
    for (text, gems) in [
        (
            "ARG without=\"\"\nENV BUNDLE_WITHOUT=${unset}\nRUN bundle install",
            facts::RAILS_GEMS_ALL_GROUPS,
        ),
        (
            "RUN bundle install --without development test",
            facts::RAILS_GEMS_PRODUCTION,
        ),
        (
            "RUN bundle config set without 'development test' && bundle install",
            facts::RAILS_GEMS_PRODUCTION,
        ),
    ] {
        let t = format!("FROM ruby:3.3\n{text}\nCMD bin/rails server\n");
        let p = syntax::parse(&t);
        let m = Model::build(&p);
        let e = estimate(&t, &p, &m, &Assumptions::default());
        let run = e.layers.iter().rev().find(|l| l.keyword == "RUN").unwrap();
        assert_eq!(run.bytes, gems.bytes, "{text}: {}", run.basis);
    }
    let clean = prod.replace(
        "RUN bundle install",
        "RUN bundle install && rm -rf \"${BUNDLE_PATH}\"/ruby/*/cache",
    );
    let p = syntax::parse(&clean);
    let m = Model::build(&p);
    let e = estimate(&clean, &p, &m, &Assumptions::default());
    let keep = facts::RAILS_GEMS_PRODUCTION.bytes * (1000 - facts::GEM_CACHE_SHARE) / 1000;
    assert_eq!(e.layers[2].bytes, keep, "{}", e.layers[2].basis);
    // Composer's vendor/: the published median, carried by COPY --from.
    let php = "FROM composer:2 AS deps\nWORKDIR /app\nCOPY composer.json composer.lock ./\n\
                   RUN composer install --no-dev\nFROM php:8.2-fpm\nCOPY --from=deps /app/vendor /var/www/vendor\n";
    let p = syntax::parse(php);
    let m = Model::build(&p);
    let e = estimate(php, &p, &m, &Assumptions::default());
    let l = e.layers.last().unwrap();
    assert!(l.estimated, "{}", l.basis);
    assert_eq!(l.bytes, facts::COMPOSER_VENDOR.bytes, "{}", l.basis);
}

#[test]
fn formats_bytes() {
    assert_eq!(fmt_bytes(359_000_000), "359.0 MB");
    assert_eq!(fmt_bytes(1_100_000_000), "1.10 GB");
    assert_eq!(fmt_bytes(999), "999 B");
}

#[test]
fn a_go_release_is_read_from_a_tag_that_starts_with_one() {
    assert_eq!(go_version_of("golang:1.22-alpine", None), Some((1, 22)));
    assert_eq!(go_version_of("golang:1.19.3-bullseye", None), Some((1, 19)));
    // Alpine's or Debian's release, not Go's: the base table's build decides.
    assert_eq!(go_version_of("golang:alpine3.20", None), None);
    assert_eq!(go_version_of("golang:bookworm", None), None);
    assert_eq!(go_version_of("golang", None), None);
    // golang:alpine3.16 held Go 1.19 in 2022: its go build is priced as golang:1.19's
    // (the standard library precompiled in GOROOT, a small build cache), not as Go "3.16".
    let as_of = Assumptions {
        as_of: Some("2022-09".into()),
        ..Default::default()
    };
    let build = |from: &str| {
        let text = format!("FROM {from}\nWORKDIR /src\nCOPY . .\nRUN go build -o /app .\n");
        est_with(&text, &as_of).layers[3].bytes
    };
    assert_eq!(build("golang:alpine3.16"), build("golang:1.19-alpine3.16"));
    assert_ne!(build("golang:alpine3.16"), build("golang:1.21-alpine3.16"));
}

#[test]
fn an_older_release_priced_by_a_newer_table_gets_a_wider_range_not_another_estimate() {
    let layer = |from: &str| {
        let e = est(&format!(
            "FROM {from}\nRUN apt-get update && apt-get install -y --no-install-recommends gcc make && rm -rf /var/lib/apt/lists/*\n"
        ));
        e.layers[1].clone()
    };
    let own = layer("debian:bullseye");
    let buster = layer("debian:buster");
    let stretch = layer("debian:stretch");
    // The same packages price all three.
    assert_eq!(buster.bytes, own.bytes);
    assert_eq!(stretch.bytes, own.bytes);
    // The range widens with each release between, and the basis says why.
    assert!(buster.low < own.low && buster.high > own.high);
    assert!(stretch.low < buster.low && stretch.high > buster.high);
    assert!(!own.basis.contains("release(s) from"), "{}", own.basis);
    assert!(
        stretch
            .basis
            .contains("stretch is 2 release(s) from bullseye, whose packages priced this"),
        "{}",
        stretch.basis
    );
    // Ubuntu: bionic is one LTS release from focal, xenial two.
    let bionic = layer("ubuntu:18.04");
    let xenial = layer("ubuntu:16.04");
    assert!(bionic.basis.contains("bionic is 1 release(s) from focal"));
    assert!(xenial.basis.contains("xenial is 2 release(s) from focal"));
    assert!(xenial.high - xenial.bytes > bionic.high - bionic.bytes);
    // A release with its own table: no widening.
    assert!(!layer("debian:bookworm").basis.contains("release(s) from"));
    assert!(!layer("ubuntu:22.04").basis.contains("release(s) from"));
}

#[test]
fn a_distroless_nodejs_major_the_table_lacks_takes_the_nearest_major() {
    let nodejs22 =
        sizes::lookup_base(&sizes::parse_image_ref("gcr.io/distroless/nodejs22-debian12").unwrap())
            .unwrap();
    let e = est("FROM gcr.io/distroless/nodejs24-debian12:nonroot\nCOPY a.js .\nCMD [\"a.js\"]\n");
    let base = &e.layers[0];
    assert!(base.estimated, "{}", base.basis);
    assert!(
        base.basis
            .contains("stand-in gcr.io/distroless/nodejs22-debian12:nonroot (distroless's image of the nearest Node.js major"),
        "{}",
        base.basis
    );
    assert_eq!(base.bytes, nodejs22.bytes);
    assert!(base.low < nodejs22.low && base.high > nodejs22.high);
    // Other distroless images have no stand-in: another runtime is another size.
    let e = est("FROM gcr.io/distroless/java99-debian12\nCOPY a.jar .\n");
    assert!(!e.layers[0].estimated);
}
