using WestmontTextLine.Storage;

namespace WestmontTextLine.Hosting;

/// <summary>
/// Stands for a background worker in the host: builds and starts it once <see cref="WorkerStartSignal"/> says so and the
/// host has started, and stops it with the host. As the host does for a worker it runs itself, a worker that fails is
/// logged and stops the line; one that cannot open the SQLite file because it is no longer at its path is logged and left
/// stopped; one whose store does not answer yet as it is built is built again until it does. A host that fails to start never starts its workers: it is disposed without being stopped, and a worker built
/// on the signal's fallback delay while the refused line was still exiting (a loaded machine) met the disposed services,
/// or was cancelled under it, and was logged as a worker that failed, with a stack trace, after the line's one line.
/// </summary>
public sealed class StartsAfterFirstAnswer<TWorker>(
    IServiceProvider services,
    WorkerStartSignal signal,
    IHostApplicationLifetime lifetime,
    ILogger<StartsAfterFirstAnswer<TWorker>> logger) : IHostedService, IDeferredWorker
    where TWorker : IHostedService
{
    // Never disposed: the host may stop its services after disposing them, and a plain token source holds nothing.
    private readonly CancellationTokenSource _stopping = new();
    private TWorker? _worker;

    public bool Built => Volatile.Read(ref _built);

    private bool _built;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _ = StartWhenDueAsync();
        return Task.CompletedTask;
    }

    private async Task StartWhenDueAsync()
    {
        await signal.FirstAnsweredOrDue(_stopping.Token).ConfigureAwait(false);
        await Task.WhenAny(HostStarted(), Task.Delay(Timeout.Infinite, _stopping.Token)).ConfigureAwait(false);
        if (_stopping.IsCancellationRequested) return;
        try
        {
            _worker = await BuildAsync().ConfigureAwait(false);
            Volatile.Write(ref _built, true);
            await _worker.StartAsync(_stopping.Token).ConfigureAwait(false);
            if (_worker is BackgroundService { ExecuteTask: { } running }) await running.ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (_stopping.IsCancellationRequested)
        {
            // Stopped with the host.
        }
        catch (Exception ex) when (_stopping.IsCancellationRequested)
        {
            // A stop in the line's first seconds can overtake the build: the host's services are then disposed under it.
            logger.LogInformation("The background worker {Worker} ended as the line stopped ({Fault}).", typeof(TWorker).Name, ex.GetType().Name);
        }
        catch (SqliteFileGoneException gone)
        {
            // As for a file deleted after the workers were built: the line goes on answering from the file it has open,
            // /healthz says what happened, and the operator restarts it. Opening the path anew made an empty database.
            logger.LogError("The background worker {Worker} cannot start: {Problem}. The line goes on without it. {WhatToDo}",
                typeof(TWorker).Name, gone.Problem.What, gone.Problem.WhatToDo);
        }
        catch (Exception ex)
        {
            logger.LogCritical(ex, "The background worker {Worker} failed; the line stops.", typeof(TWorker).Name);
            lifetime.StopApplication();
        }
    }

    /// <summary>
    /// The worker, built again every <see cref="BuildRetry"/> while its store does not answer (another process holding
    /// the SQLite write lock in the line's first seconds, Redis away): a store that does not answer yet is not a bug in the
    /// worker, and stopping the line for it left texters with no line at all, where they get the safety fallback.
    /// </summary>
    private async Task<TWorker> BuildAsync()
    {
        var waited = false;
        while (true)
        {
            try
            {
                var worker = services.GetRequiredService<TWorker>();
                if (waited) logger.LogWarning("The background worker {Worker} started: its store answers again.", typeof(TWorker).Name);
                return worker;
            }
            catch (Exception ex) when (StoreNotAnswering(ex) && !_stopping.IsCancellationRequested)
            {
                if (!waited)
                {
                    logger.LogWarning("The background worker {Worker} cannot start yet: {Why}. It is tried again every {Every} s; texts get the " +
                        "safety fallback while the store does not answer.", typeof(TWorker).Name, StoreFault.Describe(ex), BuildRetry.TotalSeconds);
                }
                waited = true;
            }
            await Task.Delay(BuildRetry, TimeProvider.System, _stopping.Token).ConfigureAwait(false);
        }
    }

    private static readonly TimeSpan BuildRetry = TimeSpan.FromSeconds(5);

    // The failures the console answers as "its store does not answer" (StoreFault.Is); a file gone is not waited for: the
    // line goes on without the worker (above).
    private static bool StoreNotAnswering(Exception fault) => !StoreFault.IsFileGone(fault) && StoreFault.Is(fault);

    // Never completes for a host that fails to start.
    private Task HostStarted()
    {
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        lifetime.ApplicationStarted.Register(() => started.TrySetResult());
        return started.Task;
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await _stopping.CancelAsync().ConfigureAwait(false);
        if (_worker is not null) await _worker.StopAsync(cancellationToken).ConfigureAwait(false);
    }
}
